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
  lcpMs: number;
  cls: number;
  tbtMs: number;
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
      results.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        lcpMs: numeric('largest-contentful-paint'),
        cls: numeric('cumulative-layout-shift'),
        tbtMs: numeric('total-blocking-time'),
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
