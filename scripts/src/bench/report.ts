/**
 * The bench's results: one JSON document (written to `bench-results/<date>.json`) and the table
 * printed at the end, each figure next to its target with ✓ or ✗. Targets are printed, never
 * asserted in tests: speed depends on the machine.
 */
import type { AnchorBuild } from './starlightAnchor';
import type { BuildMeasure } from './buildMeasure';
import type { CmsLatency } from './cmsLatency';
import type { LighthouseScores } from './lighthouse';
import type { PageWeight } from './pageWeights';
import type { SearchMeasure } from './searchMeasure';
import type { SlowFirstPaint } from './slowNetwork';

export type PageType = 'home' | 'theme' | 'departement' | 'ficheFr' | 'ficheAr' | 'search';
export const lighthousePages = ['ficheFr', 'ficheAr', 'home', 'theme', 'search'] as const satisfies readonly PageType[];
export type LighthousePage = (typeof lighthousePages)[number];

export type BenchResults = {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; platform: string; loadAverage: number[] };
  options: Record<string, unknown>;
  corpus: {
    fiches: number;
    pages: number;
    translationsByLocale: Record<string, number>;
    insertSeconds: number;
    fichesPerSecond: number;
    reused: boolean;
  };
  build: BuildMeasure;
  publishToLive: { seconds: number[]; median: number; max: number };
  pageWeights: Record<PageType, PageWeight>;
  search: { locale: string; query: string; measure: SearchMeasure };
  cms: CmsLatency;
  /** Lighthouse mobile on the five page types readers land on. */
  lighthouse?: Record<LighthousePage, LighthouseScores>;
  /** First contentful paint of a fiche on a 2G link (src/bench/slowNetwork.ts). */
  twoG?: { ficheFr: SlowFirstPaint; ficheAr: SlowFirstPaint };
  /** The reference build; `failed` when it could not build, with its reason (ours is kept). */
  anchor?: { build: AnchorBuild; ficheFr: PageWeight; ficheAr: PageWeight } | { failed: string };
};

export type Row = { group: string; metric: string; value: string; target: string; status: '✓' | '✗' | '' };

/** The full-build targets are for 8,000 pages (1,000 fiches × 8 languages) with their index. */
export const targets = {
  buildPages: 8000,
  buildSeconds: 45,
  buildBytes: 1.5 * 1024 ** 3,
  publishMedianSeconds: 20,
  /** Issue 15: the slowest of the publications, and a full build at 1,000 fiches (`npm run bench:publish`). */
  publishMaxSeconds: 30,
  publishFullBuildSeconds: 90,
  ficheTotalBytes: 30 * 1024,
  ficheHtmlBytes: 14 * 1024,
  searchFirstBytes: 120 * 1024,
  /** Issue 21: each later query (another word, a filter) once the first results are shown. */
  searchLaterBytes: 15 * 1024,
  lighthousePerformance: 98,
  lcpMs: 1200,
  tbtMs: 50,
  cls: 0,
  twoGFcpMs: 3500,
} as const;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const seconds = (value: number) => `${value.toFixed(1)} s`;
const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
export const check = (ok: boolean): '✓' | '✗' => (ok ? '✓' : '✗');
const ratio = (ours: number, theirs: number) => `×${(ours / theirs).toFixed(2)}`;

export const pageTypeLabels: Record<PageType, string> = {
  home: 'home',
  theme: 'theme',
  departement: 'département',
  ficheFr: 'fiche fr',
  ficheAr: 'fiche ar',
  search: 'search',
};

export function reportRows(results: BenchResults): Row[] {
  const { build, publishToLive, pageWeights, search, cms, lighthouse, twoG, anchor, corpus } = results;
  const rows: Row[] = [];
  const add = (group: string, metric: string, value: string, target = '', status: Row['status'] = '') =>
    rows.push({ group, metric, value, target, status });

  add('corpus', 'fiches / pages', `${corpus.fiches} / ${corpus.pages}`);
  add(
    'corpus',
    'insert (Local API)',
    corpus.reused ? 'reused' : `${seconds(corpus.insertSeconds)} (${corpus.fichesPerSecond.toFixed(2)} fiches/s)`,
  );

  const neededRate = targets.buildPages / targets.buildSeconds;
  const fullSize = build.pages >= targets.buildPages;
  add('full build', 'pages built (all files)', `${build.astroPages} (${build.pages} HTML pages)`);
  add(
    'full build',
    'Astro pages/s',
    build.pagesPerSecond.toFixed(0),
    `≥ ${neededRate.toFixed(0)} (8,000 in 45 s)`,
    check(build.pagesPerSecond >= neededRate),
  );
  add('full build', 'Astro render / with integrations', `${seconds(build.renderSeconds)} / ${seconds(build.astroSeconds)}`);
  add('full build', 'before render (content, Vite)', seconds(build.beforeRenderSeconds));
  add('full build', 'after render (404s, CSS pruning)', seconds(build.afterRenderSeconds));
  add('full build', 'Pagefind', seconds(build.pagefindSeconds));
  add('full build', 'export from CMS', seconds(build.exportSeconds));
  add(
    'full build',
    'total wall time',
    seconds(build.totalSeconds),
    fullSize ? `≤ ${targets.buildSeconds} s` : `≤ ${targets.buildSeconds} s at 8,000 pages`,
    fullSize ? check(build.totalSeconds <= targets.buildSeconds) : '',
  );
  add(
    'full build',
    'peak RSS (process tree)',
    gb(build.peakRssBytes),
    '≤ 1.50 GB',
    check(build.peakRssBytes <= targets.buildBytes),
  );

  add(
    'publish → live',
    `median of ${publishToLive.seconds.length}`,
    seconds(publishToLive.median),
    `≤ ${targets.publishMedianSeconds} s`,
    check(publishToLive.median <= targets.publishMedianSeconds),
  );
  add('publish → live', 'max', seconds(publishToLive.max));

  for (const [type, weight] of Object.entries(pageWeights) as [PageType, PageWeight][]) {
    const fiche = type === 'ficheFr' || type === 'ficheAr';
    add(
      'page weight (gzip)',
      `${pageTypeLabels[type]}: HTML / CSS / JS`,
      `${kb(weight.html)} / ${kb(weight.css)} / ${kb(weight.js)}`,
      fiche ? 'HTML ≤ 14 KB' : '',
      fiche ? check(weight.html <= targets.ficheHtmlBytes) : '',
    );
    if (fiche && weight.readableWithoutJs !== undefined) {
      // Scripts that only add tools (save, share, read aloud) are not needed to read the fiche.
      add(
        'page weight (gzip)',
        `${pageTypeLabels[type]}: JS needed to read`,
        weight.readableWithoutJs
          ? `0 KB (readable with JS off; ${kb(weight.js)} of tools)`
          : `${kb(weight.js)} (not readable with JS off)`,
        '0 KB',
        check(weight.readableWithoutJs),
      );
    }
    add(
      'page weight (gzip)',
      `${pageTypeLabels[type]}: total`,
      kb(weight.total),
      fiche ? '≤ 30 KB' : '',
      fiche ? check(weight.total <= targets.ficheTotalBytes) : '',
    );
  }

  const { measure } = search;
  add('search', 'page before use', kb(measure.beforeUse.bytes));
  add(
    'search',
    `to first results ("${search.query}", ${search.locale})`,
    `${kb(measure.firstResults.bytes)} in ${measure.firstResults.milliseconds} ms`,
    '≤ 120 KB',
    check(measure.firstResults.bytes <= targets.searchFirstBytes),
  );
  for (const later of measure.laterQueries) {
    add(
      'search',
      later.label.replace('later query ', 'later: '),
      `${kb(later.bytes)} in ${later.milliseconds} ms`,
      '≤ 15 KB',
      check(later.bytes <= targets.searchLaterBytes),
    );
  }

  add(
    'CMS',
    'publish request p50 / p95',
    `${cms.publish.p50.toFixed(0)} / ${cms.publish.p95.toFixed(0)} ms (n=${cms.publish.samples})`,
  );
  add('CMS', 'admin list query p50 / p95', `${cms.list.p50.toFixed(0)} / ${cms.list.p95.toFixed(0)} ms (n=${cms.list.samples})`);

  if (lighthouse) {
    for (const page of lighthousePages) {
      const scores = lighthouse[page];
      const label = pageTypeLabels[page];
      add(
        'Lighthouse mobile',
        `${label}: performance`,
        `${scores.performance} (a11y ${scores.accessibility}, BP ${scores.bestPractices}, SEO ${scores.seo}; benchmarkIndex ${Math.round(scores.benchmarkIndex)})`,
        '≥ 98, a11y and SEO 100',
        check(scores.performance >= targets.lighthousePerformance && scores.accessibility === 100 && scores.seo === 100),
      );
      add(
        'Lighthouse mobile',
        `${label}: LCP / TBT / CLS`,
        `${(scores.lcpMs / 1000).toFixed(2)} s / ${scores.tbtMs.toFixed(0)} ms / ${scores.cls.toFixed(3)}`,
        'LCP ≤ 1.2 s, TBT ≤ 50 ms, CLS 0',
        check(scores.lcpMs <= targets.lcpMs && scores.tbtMs <= targets.tbtMs && scores.cls <= targets.cls),
      );
    }
  }
  if (twoG) {
    for (const [label, measure] of [
      ['fiche fr', twoG.ficheFr],
      ['fiche ar', twoG.ficheAr],
    ] as const) {
      add(
        '2G (50 kbit/s, 300 ms)',
        `${label}: first contentful paint`,
        `${(measure.fcpMs / 1000).toFixed(2)} s (runs ${measure.allMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s)`,
        '≤ 3.5 s',
        check(measure.fcpMs <= targets.twoGFcpMs),
      );
    }
  }

  if (anchor && 'failed' in anchor) {
    add('Starlight anchor', 'build', `failed: ${anchor.failed.split('\n')[0]}`);
  } else if (anchor) {
    add('Starlight anchor', 'pages / build wall time', `${anchor.build.pages} / ${seconds(anchor.build.totalSeconds)}`);
    add('Starlight anchor', 'peak RSS', gb(anchor.build.peakRssBytes));
    add(
      'Starlight anchor',
      'fiche fr / ar total',
      `${kb(anchor.ficheFr.total)} / ${kb(anchor.ficheAr.total)} (JS ${kb(anchor.ficheFr.js)})`,
    );
    add(
      'ours ÷ Starlight',
      'build wall time',
      ratio(build.totalSeconds - build.exportSeconds, anchor.build.totalSeconds),
      '(ours without export)',
    );
    add('ours ÷ Starlight', 'Astro pages/s', ratio(build.pagesPerSecond, anchor.build.pages / anchor.build.renderSeconds));
    add('ours ÷ Starlight', 'fiche fr total weight', ratio(pageWeights.ficheFr.total, anchor.ficheFr.total));
    add('ours ÷ Starlight', 'fiche ar total weight', ratio(pageWeights.ficheAr.total, anchor.ficheAr.total));
  }
  return rows;
}

/** A plain-text table that reads in a terminal, a log file and a closing note alike. */
export function formatTable(rows: readonly Row[]): string {
  const headers: Row = { group: 'step', metric: 'measure', value: 'value', target: 'target', status: '' };
  const all = [headers, ...rows];
  const width = (key: keyof Row) => Math.max(...all.map((row) => [...row[key]].length));
  const pad = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - [...text].length));
  const widths = { group: width('group'), metric: width('metric'), value: width('value'), target: width('target') };
  const line = (row: Row) =>
    `${pad(row.group, widths.group)}  ${pad(row.metric, widths.metric)}  ${pad(row.value, widths.value)}  ${pad(row.target, widths.target)}  ${row.status}`.trimEnd();
  const rule = '-'.repeat(line(headers).length + 2);
  let previous = '';
  const body = rows.map((row) => {
    const shown = row.group === previous ? { ...row, group: '' } : row;
    previous = row.group;
    return line(shown);
  });
  return [line(headers), rule, ...body].join('\n');
}

/** `2026-11-27T20-15-03Z`: an ISO date that is also a valid file name everywhere. */
export function resultFileName(date: Date): string {
  return `${date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}.json`;
}
