/**
 * Lighthouse mobile and first paint on 2G for pages of a built site, served as the CDN serves a
 * deploy (our static server with the deploy's `_headers`: compression, cache rules, the CSP with
 * the hashes of any inline code). For measuring a change without running the whole bench:
 *
 *   npx tsx scripts/src/lighthouseSite.ts --dist site/test-dist --runs 3 [--2g] [--then /fr/] [--inline-css | --critical-css] [--traces DIR] [--json out.json] /fr/ /ar/demarches/carte-vitale/
 *
 * `--traces DIR`: writes each Lighthouse run's trace there (open it in DevTools' performance panel).
 * `--then P`: on 2G, each run goes on to page P in the same profile (a second visit, the cache
 * warm). `--inline-css`: measures a copy of the build whose pages carry the stylesheet in a
 * `<style>` element instead of linking it (allowed by its hash in the CSP), to weigh what
 * inlining costs and gains on first and second visits. `--critical-css`: the measured pages carry
 * only the rules their first screen uses (PurgeCSS on the HTML down to the first section) inline,
 * and link the whole stylesheet at the end of the body.
 *
 * Prints the median run of each page with the figures that explain it (long tasks, main-thread
 * work, scripts' boot-up, layout shifts, failed audits). The `_headers` file it writes into the
 * build is removed at the end unless the build already had one.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { filesIn } from '@passerelle/content-schemas/fileListing';

import { launchChromium } from './browser';
import { runLighthouse, type LighthouseScores } from './bench/lighthouse';
import { measureSlowFirstPaint, type SlowFirstPaint } from './bench/slowNetwork';
import { contentSecurityPolicy, formatHeaders, headerRules } from './cdnRules';
import { createStaticServer } from './staticServer';

const args = process.argv.slice(2);
let dist = '';
let runs = 3;
let twoG = false;
let lighthouse = true;
let jsonOut = '';
let then: string | undefined;
let inlineCss = false;
let criticalCss = false;
let traceDir = '';
const paths: string[] = [];
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index] ?? '';
  if (arg === '--dist') dist = path.resolve(args[(index += 1)] ?? '');
  else if (arg === '--runs') runs = Number(args[(index += 1)]);
  else if (arg === '--2g') twoG = true;
  else if (arg === '--skip-lighthouse') lighthouse = false;
  else if (arg === '--json') jsonOut = path.resolve(args[(index += 1)] ?? '');
  else if (arg === '--then') then = args[(index += 1)];
  else if (arg === '--inline-css') inlineCss = true;
  else if (arg === '--critical-css') criticalCss = true;
  else if (arg === '--traces') traceDir = path.resolve(args[(index += 1)] ?? '');
  else if (arg.startsWith('/')) paths.push(arg);
  else throw new Error(`unknown argument ${arg}`);
}
if (!dist || paths.length === 0 || !(runs >= 1)) {
  console.error('usage: lighthouseSite.ts --dist <built site> [--runs N] [--2g] [--skip-lighthouse] [--json file] <path>…');
  process.exit(1);
}

// The experiment's copy only: a real deploy refuses inline code (verifyDeploy), so no hash is ever
// added to the production policy.
const inlinedStyleHashes = new Set<string>();
if (inlineCss || criticalCss) {
  const copy = await mkdtemp(path.join(tmpdir(), 'passerelle-inline-css-'));
  await cp(dist, copy, { recursive: true });
  dist = copy;
  for (const file of (await filesIn(dist)).filter((name) => name.endsWith('.html'))) {
    const html = await readFile(path.join(dist, file), 'utf8');
    const link = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"\s*\/?>/.exec(html);
    if (!link?.[1]) continue;
    // PurgeCSS on each of 1,000 pages would take minutes: only the measured pages change.
    if (criticalCss && ![...paths, then].some((measured) => measured && file === `${measured.slice(1)}index.html`)) continue;
    const fullCss = await readFile(path.join(dist, link[1]), 'utf8');
    const css = criticalCss ? await criticalPart(fullCss, html) : fullCss;
    // Critical: the rules the first screen uses go inline; the whole stylesheet is linked at the
    // end of the body, where it blocks the rendering of nothing before it (Chromium, Firefox).
    const page = criticalCss ? html.replace('</body>', () => `${link[0]}</body>`) : html;
    await writeFile(
      path.join(dist, file),
      page.replace(link[0], () => `<style>${css}</style>`),
    );
    inlinedStyleHashes.add(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  }
  process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
}
/**
 * The rules of the stylesheet that the first screen of a page uses: PurgeCSS run on the page's
 * HTML up to its first collapsible section (the header, breadcrumb, title, summary, practical
 * information and tools of a fiche).
 */
async function criticalPart(css: string, html: string): Promise<string> {
  const fold = html.search(/<details class="fiche-section|<\/main>/);
  const { PurgeCSS } = await import('purgecss');
  const [result] = await new PurgeCSS().purge({
    content: [{ raw: html.slice(0, fold === -1 ? undefined : fold), extension: 'html' }],
    css: [{ raw: css }],
    variables: true,
    keyframes: true,
    fontFace: true,
    safelist: { greedy: [/^:root$/] },
  });
  return result?.css ?? css;
}
if (traceDir) await mkdir(traceDir, { recursive: true });
const headersFile = path.join(dist, '_headers');
const hadHeaders = existsSync(headersFile);
if (!hadHeaders) {
  const files = await filesIn(dist);
  const policy = contentSecurityPolicy().replace("style-src 'self'", ["style-src 'self'", ...inlinedStyleHashes].join(' '));
  await writeFile(headersFile, formatHeaders(headerRules(files, policy)));
}
const server = createStaticServer({ root: () => dist });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const results: { path: string; lighthouse?: LighthouseScores; twoG?: SlowFirstPaint }[] = [];
try {
  for (const pagePath of paths) {
    const entry: (typeof results)[number] = { path: pagePath };
    if (lighthouse)
      entry.lighthouse = await runLighthouse(
        `${origin}${pagePath}`,
        runs,
        (line) => console.error(`${pagePath} ${line}`),
        traceDir ? (run) => path.join(traceDir, `${pagePath.replaceAll('/', '_')}${run}.trace.json`) : undefined,
      );
    if (twoG) {
      const browser = await launchChromium();
      try {
        entry.twoG = await measureSlowFirstPaint(browser, `${origin}${pagePath}`, {
          runs,
          ...(then ? { then: `${origin}${then}` } : {}),
        });
      } finally {
        await browser.close();
      }
    }
    results.push(entry);
    const scores = entry.lighthouse;
    console.log(
      [
        pagePath,
        scores &&
          `performance ${scores.performance} (a11y ${scores.accessibility}, BP ${scores.bestPractices}, SEO ${scores.seo}) FCP ${(scores.fcpMs / 1000).toFixed(2)} s LCP ${(scores.lcpMs / 1000).toFixed(2)} s TBT ${scores.tbtMs.toFixed(0)} ms CLS ${scores.cls.toFixed(3)} benchmarkIndex ${scores.benchmarkIndex}`,
        scores && `  long tasks: ${JSON.stringify(scores.longTasks)}`,
        scores && `  observed tasks ≥ 10 ms: ${JSON.stringify(scores.observedTasks)}`,
        scores && `  main thread: ${JSON.stringify(scores.mainThread)}`,
        scores && `  boot-up: ${JSON.stringify(scores.bootup)}`,
        scores && `  layout shifts: ${JSON.stringify(scores.layoutShifts)}`,
        scores && `  failed audits: ${scores.failedAudits.join(', ') || 'none'}`,
        entry.twoG &&
          `  2G first contentful paint: ${(entry.twoG.fcpMs / 1000).toFixed(2)} s (runs ${entry.twoG.allMs.join(', ')} ms)`,
        entry.twoG?.secondFcpMs !== undefined &&
          `  2G second visit (${then}): first contentful paint ${(entry.twoG.secondFcpMs / 1000).toFixed(2)} s`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
} finally {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!hadHeaders) await rm(headersFile, { force: true });
}
if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
