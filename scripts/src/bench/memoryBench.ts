/**
 * `npm run bench -- --memory [FICHES]` (default 1,000): the translation memory's lookup at that
 * size (memoryLookup.ts on a throw-away database), against issue 19's target of 200 ms p95.
 * Prints the figures and writes `bench-results/memory-<date>.json`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { run, throwAwayCmsEnv } from './scale';

export type MemoryFigures = {
  fiches: number;
  memoryRows: number;
  insertMs: number;
  lookups: number;
  matchesPerLookup: number;
  p50: number;
  p95: number;
  cpuP50: number;
  cpuP95: number;
};

export const memoryLookupTargetMs = 200;

export function memoryReport(figures: MemoryFigures, loadAverage: number): string {
  const verdict = figures.p95 <= memoryLookupTargetMs ? 'within' : 'ABOVE';
  return [
    `Translation memory lookup, ${figures.fiches} fiches (${figures.memoryRows} memory rows, every language), ${figures.lookups} lookups in Arabic:`,
    `  wall p50 ${figures.p50} ms, p95 ${figures.p95} ms — ${verdict} the ${memoryLookupTargetMs} ms p95 target (load average ${loadAverage.toFixed(1)})`,
    `  CPU time per lookup p50 ${figures.cpuP50} ms, p95 ${figures.cpuP95} ms; ${figures.matchesPerLookup} matches per lookup`,
  ].join('\n');
}

export async function runMemoryBench(options: {
  fiches: number;
  randomSeed: number;
  lookups: number;
  repoRoot: string;
}): Promise<MemoryFigures> {
  const workDir = path.join(options.repoRoot, '.bench-work', `memory-${process.pid}`);
  await mkdir(workDir, { recursive: true });
  const env = throwAwayCmsEnv(workDir, 'bench-memory');
  let figures: MemoryFigures | undefined;
  try {
    const script = path.join(options.repoRoot, 'scripts/src/bench/memoryLookup.ts');
    await run(
      'node',
      ['--import', 'tsx', script, String(options.fiches), String(options.lookups), String(options.randomSeed)],
      { cwd: path.join(options.repoRoot, 'cms'), env },
      (line) => {
        if (line.startsWith('memory ')) figures = JSON.parse(line.slice('memory '.length)) as MemoryFigures;
      },
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  if (!figures) throw new Error('memoryLookup.ts printed no figures');
  const loadAverage = os.loadavg()[0] ?? 0;
  console.log(memoryReport(figures, loadAverage));
  const results = path.join(options.repoRoot, 'bench-results');
  await mkdir(results, { recursive: true });
  await writeFile(
    path.join(results, `memory-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify({ ...figures, loadAverage }, null, 2)}\n`,
  );
  return figures;
}
