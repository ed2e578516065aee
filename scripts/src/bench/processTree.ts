/**
 * Peak memory of a whole process tree (npm → astro → workers, or pagefind's binary): the sum of
 * the resident set sizes of a root process and all its descendants, read from /proc every
 * ~200 ms. Linux only, like the machines the bench runs on.
 */
import { readdirSync, readFileSync } from 'node:fs';

type ProcessInfo = { pid: number; parent: number; rssBytes: number };

/** One process of the tree as sampled: its short name (`astro`, `npm`, `pagefind`…) and resident memory. */
export type ProcessSample = { pid: number; name: string; rssBytes: number };

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

/**
 * A process's short name: the script a Node.js process runs (`astro`, `tsx`, `vitest`…, the
 * `-e` of an inline one), else the program's (`npm`, `sh`, `pagefind_extended`).
 */
export function processName(commandLine: readonly string[]): string {
  // A process that set its title (npm does) shows it as one string in place of its arguments.
  const argv = commandLine.length === 1 ? (commandLine[0] ?? '').split(' ') : commandLine;
  const base = (value: string | undefined) => (value ?? '').split('/').at(-1) ?? '';
  const program = base(argv[0]);
  if (program !== 'node' && !program.startsWith('node')) return program || '?';
  // The first argument that is neither an option nor the value of one (`--require x`, `--import y`: tsx).
  const script = argv
    .slice(1)
    .find(
      (argument, index, rest) =>
        argument === '-e' ||
        (!argument.startsWith('-') && !/^(-r|--require|--import|--loader|--experimental-loader)$/.test(rest[index - 1] ?? '')),
    );
  if (!script) return program;
  if (script === '-e') return 'node -e';
  const name = base(script).replace(/\.(m|c)?(j|t)s$/, '');
  // npm runs its CLI as `node …/npm-cli.js`, npx as `…/npx-cli.js`.
  return name.replace(/-cli$/, '') || program;
}

function nameOf(pid: number): string {
  try {
    return processName(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
  } catch {
    return '?';
  }
}

/** The processes of the tree of `rootPid` (the root first), without `exclude`'s subtrees. */
function treeOf(rootPid: number, exclude: ReadonlySet<number>, countRoot: boolean): ProcessInfo[] {
  const processes = readProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) children.set(info.parent, [...(children.get(info.parent) ?? []), info]);
  const tree: ProcessInfo[] = [];
  const root = processes.find((info) => info.pid === rootPid);
  const stack: ProcessInfo[] = root ? [root] : [];
  while (stack.length > 0) {
    const info = stack.pop() as ProcessInfo;
    if (exclude.has(info.pid)) continue;
    if (countRoot || info.pid !== rootPid) tree.push(info);
    stack.push(...(children.get(info.pid) ?? []));
  }
  return tree;
}

/** Resident memory of `rootPid` and every descendant, in bytes, right now. */
export function treeRssBytes(rootPid: number, exclude: ReadonlySet<number> = new Set(), countRoot = true): number {
  return treeOf(rootPid, exclude, countRoot).reduce((total, info) => total + info.rssBytes, 0);
}

/** Every process of the tree right now, with its name, largest first. */
export function treeProcesses(rootPid: number, exclude: ReadonlySet<number> = new Set(), countRoot = true): ProcessSample[] {
  return treeOf(rootPid, exclude, countRoot)
    .map((info) => ({ pid: info.pid, name: nameOf(info.pid), rssBytes: info.rssBytes }))
    .sort((a, b) => b.rssBytes - a.rssBytes);
}

/** A process's own peak over the sampling, and the tree's total at the moment of the tree's peak. */
export type ProcessPeak = { pid: number; name: string; peakBytes: number; atPeakBytes: number };

export type TreeSampler = {
  stop: () => {
    peakBytes: number;
    samples: number;
    /** When the tree's total was highest, ms since sampling started. */
    peakAtMs: number;
    /** Every process seen, by its own peak, largest first. */
    processes: ProcessPeak[];
  };
};

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
    onSample,
  }: {
    intervalMs?: number;
    exclude?: ReadonlySet<number>;
    countRoot?: boolean;
    /** Called with each sample (the bench logs them next to the build's own lines, to see the step). */
    onSample?: (processes: readonly ProcessSample[], totalBytes: number) => void;
  } = {},
): TreeSampler {
  const started = Date.now();
  let peakBytes = 0;
  let peakAtMs = 0;
  let samples = 0;
  const peaks = new Map<number, ProcessPeak>();
  const sample = () => {
    const processes = treeProcesses(rootPid, exclude, countRoot);
    const total = processes.reduce((sum, info) => sum + info.rssBytes, 0);
    for (const info of processes) {
      const peak = peaks.get(info.pid) ?? { pid: info.pid, name: info.name, peakBytes: 0, atPeakBytes: 0 };
      peak.peakBytes = Math.max(peak.peakBytes, info.rssBytes);
      peaks.set(info.pid, peak);
    }
    if (total > peakBytes) {
      peakBytes = total;
      peakAtMs = Date.now() - started;
      for (const peak of peaks.values()) peak.atPeakBytes = 0;
      for (const info of processes) (peaks.get(info.pid) as ProcessPeak).atPeakBytes = info.rssBytes;
    }
    samples += 1;
    onSample?.(processes, total);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakBytes, samples, peakAtMs, processes: [...peaks.values()].sort((a, b) => b.peakBytes - a.peakBytes) };
    },
  };
}
