import { describe, expect, it } from 'vitest';

import { parseBenchOptions, UsageError } from '../src/bench/options';
import { scaleTable, type ScalePoint } from '../src/bench/scale';

describe('--scale', () => {
  it('takes 100, 300 and 1,000 fiches by default, or the sizes given', () => {
    expect(parseBenchOptions(['--scale']).scale).toEqual([100, 300, 1000]);
    expect(parseBenchOptions(['--scale', '50,200', '--seed', '7'])).toMatchObject({ scale: [50, 200], randomSeed: 7 });
    expect(parseBenchOptions(['--scale=3000']).scale).toEqual([3000]);
    expect(parseBenchOptions([]).scale).toBeUndefined();
    expect(() => parseBenchOptions(['--scale', '100,abc'])).toThrow(UsageError);
    // The screens in Chromium are part of it unless left out.
    expect(parseBenchOptions(['--scale']).skipBrowser).toBe(false);
    expect(parseBenchOptions(['--scale', '100', '--skip-browser'])).toMatchObject({ scale: [100], skipBrowser: true });
  });

  it('prints one row per figure and one column per size, whatever the last page’s number', () => {
    const point = (fiches: number, lastPage: number, p50: number): ScalePoint => ({
      fiches,
      insert: { fichesPerSecond: 12.5, insertMs: 1000, peakRssMb: 400, cpuMsPerFiche: 80 },
      load: { insert: 3.5, timings: 12 },
      timings: {
        fiches,
        lastPage,
        'fiche list, page 1': { p50, p95: p50 * 2, samples: 20 },
        'fiche list, last page (≤ 50)': { p50: p50 + 1, p95: p50 + 2, samples: 20 },
      },
    });
    const table = scaleTable([point(100, 10, 5), point(1000, 50, 6)]).split('\n');
    expect(table[0]).toBe('| figure (ms, p50 / p95) | 100 fiches | 1000 fiches |');
    expect(table[1]).toBe('| insert (fiches/s, peak RSS MB) | 12.50 / 400 | 12.50 / 400 |');
    expect(table[2]).toBe('| insert CPU time per fiche (ms) | 80 | 80 |');
    expect(table[3]).toBe('| load average (insert / timings[ / browser]) | 3.5 / 12.0 | 3.5 / 12.0 |');
    expect(table[4]).toBe('| fiche list, page 1 | 5.0 / 10.0 | 6.0 / 12.0 |');
    expect(table[5]).toBe('| fiche list, last page (≤ 50) | 6.0 / 7.0 | 7.0 / 8.0 |');
    expect(table).toHaveLength(6);
  });
});
