import { describe, expect, it } from 'vitest';

import { percentiles } from '../src/bench/load';
import { parseBenchOptions, UsageError } from '../src/bench/options';

describe('npm run bench -- --load', () => {
  it('defaults to the issue’s run: 50 users, 5 minutes, 5 publications a minute', () => {
    expect(parseBenchOptions(['--load']).load).toEqual({ users: 50, durationSeconds: 300, publishesPerMinute: 5 });
  });

  it('takes a reduced size and a kept corpus', () => {
    expect(
      parseBenchOptions(['--load', '--users', '8', '--duration=60', '--publish-rate', '3', '--database', 'x.db']).load,
    ).toEqual({
      users: 8,
      durationSeconds: 60,
      publishesPerMinute: 3,
      database: 'x.db',
    });
  });

  it('runs on the synthetic corpus of the size asked, whatever the order of the options', () => {
    expect(parseBenchOptions(['--fiches', '200', '--load', '--duration', '60']).load).toEqual({
      users: 50,
      durationSeconds: 60,
      publishesPerMinute: 5,
      corpus: { fiches: 200, randomSeed: 20_261_127 },
    });
    expect(parseBenchOptions(['--load', '--quick', '--seed', '7']).load?.corpus).toEqual({ fiches: 100, randomSeed: 7 });
    expect(parseBenchOptions(['--load']).load?.corpus).toBeUndefined();
  });

  it('builds the live site before the load unless told not to', () => {
    expect(parseBenchOptions(['--load']).load?.noLiveSite).toBeUndefined();
    expect(parseBenchOptions(['--load', '--no-live-site']).load?.noLiveSite).toBe(true);
  });

  it('refuses two corpora at once', () => {
    expect(() => parseBenchOptions(['--load', '--fiches', '200', '--database', 'x.db'])).toThrow(/choose one corpus/);
    expect(() => parseBenchOptions(['--load', '--quick', '--cms-url', 'http://127.0.0.1:3000'])).toThrow(UsageError);
  });

  it('never aims at another machine', () => {
    expect(() => parseBenchOptions(['--load', '--cms-url', 'https://cms.example.org'])).toThrow(UsageError);
    expect(parseBenchOptions(['--load', '--cms-url', 'http://127.0.0.1:3000']).load?.cmsUrl).toBe('http://127.0.0.1:3000');
  });

  it('refuses a size that is not a whole number', () => {
    expect(() => parseBenchOptions(['--load', '--users', '0'])).toThrow(/--users needs a whole number ≥ 1/);
  });
});

describe('percentiles', () => {
  it('reads p50, p95 and p99 as the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p95: 7, p99: 7, max: 7 });
  });
});
