import { describe, expect, it } from 'vitest';

import { buildPhases, pagefindSeconds, parseAstroPages, renderSeconds } from '../src/bench/buildMeasure';
import { parseBenchOptions, UsageError } from '../src/bench/options';
import { referencedAssets, staticImports } from '../src/bench/pageWeights';
import { formatTable, reportRows, resultFileName, type BenchResults } from '../src/bench/report';
import { median, percentile } from '../src/bench/stats';

describe('percentile and median', () => {
  it('takes the nearest rank, as load-testing tools report it', () => {
    const values = Array.from({ length: 20 }, (_, index) => 20 - index); // 20 … 1, unsorted
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
  });

  it('gives the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses no values and out-of-range percentiles', () => {
    expect(() => median([])).toThrow();
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });
});

describe('parseBenchOptions', () => {
  it('runs 1,000 fiches, 5 publications, the anchor and Lighthouse by default', () => {
    expect(parseBenchOptions([])).toMatchObject({
      fiches: 1000,
      publishes: 5,
      skipAnchor: false,
      skipLighthouse: false,
      reuseCorpus: false,
    });
  });

  it('reads --quick as 100 fiches and every other option, with or without "="', () => {
    expect(parseBenchOptions(['--quick']).fiches).toBe(100);
    expect(
      parseBenchOptions([
        '--fiches',
        '250',
        '--publishes=3',
        '--skip-anchor',
        '--skip-lighthouse',
        '--seed',
        '9',
        '--reuse-corpus',
      ]),
    ).toMatchObject({ fiches: 250, publishes: 3, skipAnchor: true, skipLighthouse: true, randomSeed: 9, reuseCorpus: true });
  });

  it('stops on unknown options, missing or bad numbers, and --quick with --fiches', () => {
    expect(() => parseBenchOptions(['--fiche', '10'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--fiches'])).toThrow(/--fiches needs a whole number/);
    expect(() => parseBenchOptions(['--fiches', '0'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--publishes', 'two'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--quick', '--fiches', '10'])).toThrow(/choose one/);
  });
});

describe('build log parsing', () => {
  it("reads Astro's page count and time, in seconds or milliseconds", () => {
    expect(parseAstroPages('20:01:02 [build] 8123 page(s) built in 41.27s')).toEqual({ pages: 8123, seconds: 41.27 });
    expect(parseAstroPages('[build] 3 page(s) built in 812ms')).toEqual({ pages: 3, seconds: 0.812 });
    expect(parseAstroPages('[build] Complete!')).toBeUndefined();
  });

  it("reads Astro's render time from the end of its page generation", () => {
    const lines = [
      '[build] ✓ Completed in 2.1s.',
      ' generating static routes ',
      '  ├─ /fr/index.html (+12ms)',
      '✓ Completed in 31.5s.',
    ];
    expect(renderSeconds(lines)).toBe(31.5);
    expect(() => renderSeconds(lines.slice(0, 1))).toThrow(/generating static routes/);
  });

  it('splits the build into before, during and after rendering', () => {
    const lines = [
      { at: 4_000, text: ' generating static routes ' },
      { at: 30_000, text: '✓ Completed in 26s.' },
      { at: 31_000, text: '[passerelle-prune-css] site.css: 1 → 2 bytes' },
      { at: 34_000, text: 'search index: fr 100; indexed fr, taken from the live deploy none (3000 ms)' },
      { at: 34_500, text: '[build] 800 page(s) built in 33s' },
    ];
    expect(buildPhases(lines, 1_000)).toEqual({ beforeRenderSeconds: 3, afterRenderSeconds: 1.5 });
    expect(() => buildPhases(lines.slice(1), 1_000)).toThrow(/phase lines/);
  });

  it('times the search index and the passes after Astro from the finish step’s report', () => {
    const lines = [
      { at: 4_000, text: ' generating static routes ' },
      { at: 30_000, text: '✓ Completed in 26s.' },
      { at: 30_500, text: '[build] 800 page(s) built in 27s' },
      { at: 33_000, text: 'css: _astro/site.a.css: 1 → 2 bytes, 80 fiche pages handed to the search index (1200 ms)' },
      { at: 41_000, text: 'search index: fr 10, en 10; indexed fr en, taken from the live deploy none (7250 ms)' },
      { at: 42_000, text: 'sw.js: build abc, 17 files precached (12 ms)' },
    ];
    expect(pagefindSeconds(lines)).toBe(7.25);
    expect(buildPhases(lines, 1_000)).toEqual({ beforeRenderSeconds: 3, afterRenderSeconds: 4.75 });
    expect(() => pagefindSeconds(lines.slice(0, 4))).toThrow(/no search index report/);
  });
});

describe('staticImports', () => {
  it('finds the modules a script loads before it runs, not the ones it may load later', () => {
    const code =
      'import{a as b}from"./chunk.A1.js";import "./side.js";import * as all from \'./all.js\';const x=()=>import("./later.js");';
    expect(staticImports(code)).toEqual(['./chunk.A1.js', './side.js', './all.js']);
  });
});

describe('referencedAssets', () => {
  it('lists the stylesheets and scripts a page loads by itself, once each', () => {
    const html =
      '<link rel="stylesheet" href="/_astro/a.css"><link rel=stylesheet href=/_astro/b.css><link rel="icon" href="/x.svg">' +
      '<script type="module" src="/_astro/s.js"></script><script src="/_astro/s.js"></script><link rel="modulepreload" href="/_astro/m.js">';
    expect(referencedAssets(html)).toEqual({ css: ['/_astro/a.css', '/_astro/b.css'], js: ['/_astro/s.js', '/_astro/m.js'] });
  });
});

const weight = (html: number, css: number, js: number) => ({ url: 'u', html, css, js, total: html + css + js, files: 2 });
const results: BenchResults = {
  startedAt: '2026-11-27T20:00:00.000Z',
  finishedAt: '2026-11-27T20:30:00.000Z',
  machine: { cpus: 2, cpuModel: 'cpu', memoryGB: 24, node: 'v20.20.2', platform: 'linux', loadAverage: [1, 1, 1] },
  options: {},
  corpus: { fiches: 1000, pages: 8000, translationsByLocale: {}, insertSeconds: 300, fichesPerSecond: 3.3, reused: false },
  build: {
    pages: 8100,
    fiches: 1000,
    astroPages: 8200,
    astroSeconds: 40,
    renderSeconds: 30,
    beforeRenderSeconds: 5,
    afterRenderSeconds: 3,
    pagesPerSecond: 205,
    pagefindSeconds: 12,
    exportSeconds: 5,
    totalSeconds: 60,
    peakRssBytes: 1.2 * 1024 ** 3,
  },
  publishToLive: { seconds: [30, 25, 28], median: 28, max: 30 },
  pageWeights: {
    home: weight(5000, 9000, 0),
    theme: weight(6000, 9000, 0),
    departement: weight(6000, 9000, 0),
    ficheFr: { ...weight(10_000, 9000, 0), readableWithoutJs: true },
    ficheAr: { ...weight(15_000, 9000, 1024), readableWithoutJs: false },
    search: weight(6000, 9000, 1100),
  },
  search: {
    locale: 'fr',
    query: 'logement',
    measure: {
      beforeUse: { label: 'before', bytes: 20_000, milliseconds: 0, status: '', responses: [] },
      firstResults: { label: 'first', bytes: 100_000, milliseconds: 800, status: '4 résultats', responses: [] },
      laterQueries: [
        { label: 'later query q=travail', bytes: 15_620, milliseconds: 120, status: '', responses: [] },
        { label: 'later query theme=health', bytes: 13_074, milliseconds: 90, status: '', responses: [] },
      ],
      error: false,
    },
  },
  cms: { publish: { p50: 300, p95: 900, samples: 20 }, list: { p50: 40, p95: 80, samples: 20 } },
};

describe('reportRows', () => {
  const rows = reportRows(results);
  const row = (metric: string) => rows.find((entry) => entry.metric === metric);

  it('marks each figure against its target', () => {
    expect(row('Astro pages/s')).toMatchObject({ value: '205', status: '✓' });
    expect(row('total wall time')).toMatchObject({ value: '60.0 s', target: '≤ 45 s', status: '✗' });
    expect(row('peak RSS (process tree)')).toMatchObject({ value: '1.20 GB', status: '✓' });
    expect(row('median of 3')).toMatchObject({ value: '28.0 s', status: '✗' });
    expect(row('fiche fr: total')).toMatchObject({ value: '18.6 KB', status: '✓' });
    expect(row('fiche ar: HTML / CSS / JS')).toMatchObject({ status: '✗' }); // 14.6 KB of HTML
    expect(row('fiche fr: JS needed to read')).toMatchObject({
      value: '0 KB (readable with JS off; 0.0 KB of tools)',
      status: '✓',
    });
    expect(row('fiche ar: JS needed to read')).toMatchObject({ value: '1.0 KB (not readable with JS off)', status: '✗' });
    expect(row('to first results ("logement", fr)')).toMatchObject({ value: '97.7 KB in 800 ms', status: '✓' });
    // 15,620 B: the 1,000-fiche run of 2026-12-03, over issue 21's 15 KB per later query.
    expect(row('later: q=travail')).toMatchObject({ value: '15.3 KB in 120 ms', target: '≤ 15 KB', status: '✗' });
    expect(row('later: theme=health')).toMatchObject({ value: '12.8 KB in 90 ms', status: '✓' });
  });

  it('judges Lighthouse on the five page types and the first paint on 2G', () => {
    const scores = (performance: number, lcpMs: number, tbtMs: number, cls: number, seo = 100) => ({
      url: 'http://x/',
      runs: 3,
      performance,
      accessibility: 100,
      bestPractices: 100,
      seo,
      fcpMs: lcpMs,
      lcpMs,
      cls,
      tbtMs,
      benchmarkIndex: 812.4,
      longTasks: [],
      observedTasks: [],
      mainThread: {},
      bootup: [],
      layoutShifts: [],
      failedAudits: [],
    });
    const slow = (fcpMs: number) => ({ url: 'http://x/', runs: 3, fcpMs, allMs: [fcpMs, fcpMs, fcpMs] });
    const measured = reportRows({
      ...results,
      lighthouse: {
        ficheFr: scores(100, 1100, 0, 0),
        ficheAr: scores(99, 1300, 0, 0),
        home: scores(100, 1000, 60, 0),
        theme: scores(100, 1000, 0, 0.01),
        search: scores(100, 1000, 0, 0, 92),
      },
      twoG: { ficheFr: slow(3400), ficheAr: slow(4800) },
    });
    const find = (metric: string) => measured.find((entry) => entry.metric === metric);
    expect(find('fiche fr: performance')).toMatchObject({
      value: '100 (a11y 100, BP 100, SEO 100; benchmarkIndex 812)',
      status: '✓',
    });
    expect(find('fiche fr: LCP / TBT / CLS')).toMatchObject({ value: '1.10 s / 0 ms / 0.000', status: '✓' });
    expect(find('fiche ar: LCP / TBT / CLS')).toMatchObject({ status: '✗' });
    expect(find('home: LCP / TBT / CLS')).toMatchObject({ status: '✗' });
    expect(find('theme: LCP / TBT / CLS')).toMatchObject({ status: '✗' });
    expect(find('search: performance')).toMatchObject({ status: '✗' });
    expect(find('fiche fr: first contentful paint')).toMatchObject({ value: '3.40 s (runs 3.40, 3.40, 3.40 s)', status: '✓' });
    expect(find('fiche ar: first contentful paint')).toMatchObject({ status: '✗' });
  });

  it('does not judge the wall time of a build smaller than the 8,000 pages the target is for', () => {
    const small = reportRows({ ...results, build: { ...results.build, pages: 800 } });
    expect(small.find((entry) => entry.metric === 'total wall time')).toMatchObject({
      status: '',
      target: '≤ 45 s at 8,000 pages',
    });
  });

  it('prints ratios against the Starlight anchor only when it ran', () => {
    expect(rows.some((entry) => entry.group === 'ours ÷ Starlight')).toBe(false);
    const withAnchor = reportRows({
      ...results,
      anchor: {
        build: {
          pages: 8000,
          astroSeconds: 80,
          renderSeconds: 60,
          totalSeconds: 110,
          peakRssBytes: 2 * 1024 ** 3,
          distDir: '/tmp',
        },
        ficheFr: weight(20_000, 30_000, 10_000),
        ficheAr: weight(20_000, 30_000, 10_000),
      },
    });
    expect(withAnchor.find((entry) => entry.group === 'ours ÷ Starlight' && entry.metric === 'build wall time')?.value).toBe(
      '×0.50',
    );
    expect(withAnchor.find((entry) => entry.metric === 'fiche fr total weight')?.value).toBe('×0.32');
  });

  it('says why the anchor could not build, keeps our figures and prints no ratio', () => {
    const failed = reportRows({ ...results, anchor: { failed: 'astro build stopped (exit code 134)\nFATAL ERROR: heap limit' } });
    expect(failed.find((entry) => entry.group === 'Starlight anchor')).toMatchObject({
      metric: 'build',
      value: 'failed: astro build stopped (exit code 134)',
    });
    expect(failed.some((entry) => entry.group === 'ours ÷ Starlight')).toBe(false);
    expect(failed.find((entry) => entry.metric === 'Astro pages/s')).toMatchObject({ value: '205' });
  });
});

describe('formatTable', () => {
  it('aligns the columns and names each step once', () => {
    const table = formatTable([
      { group: 'search', metric: 'first', value: '97.7 KB', target: '≤ 120 KB', status: '✓' },
      { group: 'search', metric: 'later', value: '9 KB', target: '', status: '' },
      { group: 'CMS', metric: 'publish p50 / p95', value: '300 / 900 ms', target: '', status: '' },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^step\s+measure\s+value\s+target$/);
    expect(lines[2]).toMatch(/^search\s+first\s+97\.7 KB\s+≤ 120 KB\s+✓$/);
    expect(lines[3]).toMatch(/^\s+later\s+9 KB$/);
    expect(lines[2]?.indexOf('97.7')).toBe(lines[4]?.indexOf('300 / 900'));
  });
});

describe('resultFileName', () => {
  it('is the ISO date with colons replaced, so it is a file name everywhere', () => {
    expect(resultFileName(new Date('2026-11-27T20:15:03.123Z'))).toBe('2026-11-27T20-15-03Z.json');
  });
});
