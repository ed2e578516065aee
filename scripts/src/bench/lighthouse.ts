/**
 * Lighthouse 12 (the last line that runs on Node 20) through its Node API, mobile default
 * configuration (simulated slow 4G, mid-range phone CPU), with Debian's Chromium, against the
 * bench's static server (compressed, CDN headers). The median run of several is kept, as
 * Lighthouse's own documentation advises for variance.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { chromiumArgs, chromiumPath } from '../browser';
import { median } from './stats';

export type LighthouseScores = {
  url: string;
  runs: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcpMs: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  /** Where the time goes, to find the cause of blocking time: the machine's speed as Lighthouse rates it… */
  benchmarkIndex: number;
  /** …the main thread's long tasks (start and duration, ms, URL of the script)… */
  longTasks: { url: string; startMs: number; durationMs: number }[];
  /** …its work by kind (script evaluation, style and layout…), ms… */
  mainThread: Record<string, number>;
  /** …and the scripts' own boot-up time, ms. */
  bootup: { url: string; totalMs: number; scriptingMs: number }[];
  /** The elements that moved, with their share of the layout shift. */
  layoutShifts: { node: string; score: number }[];
  /** The audits that did not pass in the accessibility, best-practices and SEO categories. */
  failedAudits: string[];
};

type RunResult = Omit<LighthouseScores, 'url' | 'runs'>;

export async function runLighthouse(url: string, runs: number, progress: (line: string) => void): Promise<LighthouseScores> {
  const results: RunResult[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: [...chromiumArgs] });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse failed on ${url}: ${runtimeError.code} ${runtimeError.message}`);
      const score = (key: string) => Math.round((categories[key]?.score ?? Number.NaN) * 100);
      const numeric = (key: string) => audits[key]?.numericValue ?? Number.NaN;
      const items = (key: string) => (audits[key]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
      const short = (url: unknown) => String(url ?? '').replace(/^https?:\/\/[^/]+/, '');
      const failedAudits = ['accessibility', 'best-practices', 'seo'].flatMap((category) =>
        (categories[category]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${category}: ${ref.id}`),
      );
      results.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        fcpMs: numeric('first-contentful-paint'),
        lcpMs: numeric('largest-contentful-paint'),
        cls: numeric('cumulative-layout-shift'),
        tbtMs: numeric('total-blocking-time'),
        benchmarkIndex: result.lhr.environment.benchmarkIndex,
        longTasks: items('long-tasks').map((item) => ({
          url: short(item['url']),
          startMs: Math.round(Number(item['startTime'])),
          durationMs: Math.round(Number(item['duration'])),
        })),
        mainThread: Object.fromEntries(
          items('mainthread-work-breakdown').map((item) => [String(item['group']), Math.round(Number(item['duration']))]),
        ),
        bootup: items('bootup-time').map((item) => ({
          url: short(item['url']),
          totalMs: Math.round(Number(item['total'])),
          scriptingMs: Math.round(Number(item['scripting'])),
        })),
        layoutShifts: items('layout-shifts').map((item) => ({
          node: String((item['node'] as { snippet?: string } | undefined)?.snippet ?? '').slice(0, 120),
          score: Number(item['score']),
        })),
        failedAudits,
      });
      progress(`run ${run}/${runs}: performance ${results.at(-1)?.performance}`);
    } finally {
      await chrome.kill();
    }
  }
  // The run with the median performance score represents the page (all its figures together).
  const middle = median(results.map((result) => result.performance));
  const representative = results.reduce((best, result) =>
    Math.abs(result.performance - middle) < Math.abs(best.performance - middle) ? result : best,
  );
  return { url, runs, ...representative };
}
