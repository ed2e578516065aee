/**
 * `tsx src/bench/treeMemory.ts [--every 5] -- <command> [args…]`: runs a command (a site build,
 * one pass alone) and says where its memory goes. Each line the command prints is shown with the
 * seconds since it started, and every `--every` samples (200 ms each; 1 s by default) a line with
 * the resident memory of the whole tree and of its largest processes, so the step at which memory
 * peaks, and in which process, can be read between the command's own lines. At the end: the
 * tree's peak, when it was and the last line printed before it, each process's own peak, the CPU
 * seconds of the whole tree and the load average.
 *
 *   cd site && SNAPSHOT_DIR=… SITE_OUT_DIR=… nice -n 19 npx tsx ../scripts/src/bench/treeMemory.ts -- npx astro build
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { sampleTreeRss, type ProcessSample } from './processTree';

const megabytes = (bytes: number) => Math.round(bytes / 1048576).toLocaleString('en');
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU seconds of this process's finished children (cutime + cstime of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[13] ?? 0) + Number(fields[14] ?? 0)) / 100;
}

async function main(): Promise<void> {
  const separator = process.argv.indexOf('--');
  const command = separator === -1 ? [] : process.argv.slice(separator + 1);
  const everyIndex = process.argv.indexOf('--every');
  const every = everyIndex !== -1 && everyIndex < separator ? Number(process.argv[everyIndex + 1]) : 5;
  if (command.length === 0) throw new Error('usage: treeMemory.ts [--every N] -- <command> [args…]');
  const started = Date.now();
  const stamp = () => ((Date.now() - started) / 1000).toFixed(1).padStart(7);
  console.log(`${stamp()}  treeMemory: ${command.join(' ')} (load average ${loadAverage()})`);
  const child = spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let lastLine = '';
  let lineAtPeak = '';
  let peakSoFar = 0;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lastLine = line.trimEnd();
      console.log(`${stamp()}  ${lastLine}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let count = 0;
  const describe = (entry: ProcessSample) => `${entry.name} ${megabytes(entry.rssBytes)}`;
  const sampler = sampleTreeRss(child.pid as number, {
    onSample: (processes, total) => {
      if (total > peakSoFar) {
        peakSoFar = total;
        lineAtPeak = lastLine;
      }
      if (count++ % every === 0)
        console.log(`${stamp()}  rss ${megabytes(total)} MB: ${processes.slice(0, 6).map(describe).join(', ')}`);
    },
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const { peakBytes, peakAtMs, processes } = sampler.stop();
  console.log(`${stamp()}  exit code ${code}; CPU ${childrenCpuSeconds().toFixed(1)} s; load average ${loadAverage()}`);
  console.log(
    `peak RSS of the tree ${megabytes(peakBytes)} MB at ${(peakAtMs / 1000).toFixed(1)} s (after « ${lineAtPeak.slice(0, 160)} »): ${processes
      .filter((entry) => entry.atPeakBytes > 0)
      .map((entry) => `${entry.name} ${megabytes(entry.atPeakBytes)}`)
      .join(', ')}`,
  );
  console.log(
    `each process's own peak: ${processes
      .slice(0, 10)
      .map((entry) => `${entry.name} (${entry.pid}) ${megabytes(entry.peakBytes)} MB`)
      .join(', ')}`,
  );
  process.exitCode = code ?? 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
