/**
 * Peak memory of a whole process tree (npm → astro → workers, or pagefind's binary): the sum of
 * the resident set sizes of a root process and all its descendants, read from /proc every
 * ~200 ms. Linux only, like the machines the bench runs on.
 */
import { readdirSync, readFileSync } from 'node:fs';

type ProcessInfo = { pid: number; parent: number; rssBytes: number };

const pageSize = 4096;

function readProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const rssPages = Number(fields[21]);
      processes.push({ pid: Number(entry), parent, rssBytes: rssPages * pageSize });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return processes;
}

/** Resident memory of `rootPid` and every descendant, in bytes, right now. */
export function treeRssBytes(rootPid: number, exclude: ReadonlySet<number> = new Set(), countRoot = true): number {
  const processes = readProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) children.set(info.parent, [...(children.get(info.parent) ?? []), info]);
  let total = 0;
  const root = processes.find((info) => info.pid === rootPid);
  const stack: ProcessInfo[] = root ? [root] : [];
  while (stack.length > 0) {
    const info = stack.pop() as ProcessInfo;
    if (exclude.has(info.pid)) continue;
    if (countRoot || info.pid !== rootPid) total += info.rssBytes;
    stack.push(...(children.get(info.pid) ?? []));
  }
  return total;
}

export type TreeSampler = { stop: () => { peakBytes: number; samples: number } };

/**
 * Samples the tree every `intervalMs` until stopped; the descendants of `exclude` (the CMS, a
 * static server) are left out, and the root itself with `countRoot: false` (the bench process
 * measuring its own children), so only the work being measured counts.
 */
export function sampleTreeRss(
  rootPid: number,
  {
    intervalMs = 200,
    exclude = new Set<number>(),
    countRoot = true,
  }: { intervalMs?: number; exclude?: ReadonlySet<number>; countRoot?: boolean } = {},
): TreeSampler {
  let peakBytes = 0;
  let samples = 0;
  const sample = () => {
    peakBytes = Math.max(peakBytes, treeRssBytes(rootPid, exclude, countRoot));
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakBytes, samples };
    },
  };
}
