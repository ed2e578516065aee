import { describe, expect, it } from 'vitest';

import { memoryReport, type MemoryFigures } from '../src/bench/memoryBench';
import { parseBenchOptions, UsageError } from '../src/bench/options';

describe('--memory', () => {
  it('takes 1,000 fiches by default, or the size given', () => {
    expect(parseBenchOptions(['--memory']).memory).toBe(1000);
    expect(parseBenchOptions(['--memory', '300', '--seed', '7'])).toMatchObject({ memory: 300, randomSeed: 7 });
    expect(parseBenchOptions(['--memory=50']).memory).toBe(50);
    expect(parseBenchOptions([]).memory).toBeUndefined();
    expect(() => parseBenchOptions(['--memory', 'many'])).toThrow(UsageError);
  });

  it('says whether the p95 is within the 200 ms target', () => {
    const figures: MemoryFigures = {
      fiches: 1000,
      memoryRows: 233_878,
      insertMs: 90_000,
      lookups: 200,
      matchesPerLookup: 1.9,
      p50: 18.8,
      p95: 91.4,
      cpuP50: 4.1,
      cpuP95: 14.2,
    };
    expect(memoryReport(figures, 22.4)).toContain('p95 91.4 ms — within the 200 ms p95 target (load average 22.4)');
    expect(memoryReport({ ...figures, p95: 201 }, 40)).toContain('p95 201 ms — ABOVE the 200 ms p95 target');
  });
});
