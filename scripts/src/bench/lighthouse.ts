/**
 * Lighthouse 12 (the last line that runs on Node 20) through its Node API, mobile default
 * configuration (simulated slow 4G, mid-range phone CPU), with Debian's Chromium, against the
 * bench's static server (compressed, CDN headers). The median run of several is kept, as
 * Lighthouse's own documentation advises for variance.
 */
import { writeFile } from 'node:fs/promises';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
// Lighthouse's internals: the same task tree its long-tasks audit reads.
import { MainThreadTasks } from 'lighthouse/core/computed/main-thread-tasks.js';

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
  /**
   * …the main thread's long tasks (start and duration, ms, simulated as Lighthouse does; URL of the
   * script) with what each was made of (ms by kind: scriptEvaluation, styleLayout, other…)…
   */
  longTasks: { url: string; startMs: number; durationMs: number; parts?: Record<string, number> }[];
  /**
   * …the main thread's tasks of 10 ms and more as this machine ran them (not simulated: start from
   * the navigation, ms), each with the trace events that took most of it, and whether it came after
   * the first paint this machine observed (only those can block: total blocking time counts from
   * the first contentful paint)…
   */
  observedTasks: { startMs: number; durationMs: number; afterFcp: boolean; url: string; top: string }[];
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

/**
 * Lighthouse's own failures to record a run (NO_NAVSTART, NO_FCP… on a loaded machine) are retried
 * this many times before the run fails: they say nothing about the page.
 */
const RUNTIME_ERROR_RETRIES = 2;

export async function runLighthouse(
  url: string,
  runs: number,
  progress: (line: string) => void,
  /** Where to write each run's trace (Chromium's trace JSON, for DevTools' performance panel). */
  traceFile?: (run: number) => string,
): Promise<LighthouseScores> {
  const results: RunResult[] = [];
  let retries = 0;
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
      if (runtimeError && retries < RUNTIME_ERROR_RETRIES) {
        retries += 1;
        progress(`run ${run}/${runs}: Lighthouse failed (${runtimeError.code}), run again`);
        run -= 1;
        continue;
      }
      if (runtimeError) throw new Error(`Lighthouse failed on ${url}: ${runtimeError.code} ${runtimeError.message}`);
      const trace = (result.artifacts as { Trace?: unknown }).Trace;
      if (traceFile && trace) await writeFile(traceFile(run), JSON.stringify(trace));
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
        longTasks: longTasks(audits['long-tasks']?.details, short),
        observedTasks: await observedTasks(result.artifacts, audits['metrics']?.details, short),
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

/**
 * The long tasks of the audit's table, each with its breakdown by kind of work from the audit's
 * debug data (same tasks, same simulated durations), so a figure names its cause: a task of style
 * and layout is the page's first rendering, one of script evaluation is our code.
 */
function longTasks(details: unknown, short: (url: unknown) => string): LighthouseScores['longTasks'] {
  type Table = { items?: Record<string, unknown>[]; debugData?: { urls?: string[]; tasks?: Record<string, unknown>[] } };
  const table = (details ?? {}) as Table;
  const debugTasks = table.debugData?.tasks ?? [];
  return (table.items ?? []).map((item) => {
    const startMs = Math.round(Number(item['startTime']));
    const durationMs = Math.round(Number(item['duration']));
    const match = debugTasks.find(
      (task) => Math.round(Number(task['startTime'])) === startMs && Math.round(Number(task['duration'])) === durationMs,
    );
    const parts = match
      ? Object.fromEntries(
          Object.entries(match)
            .filter(([key, value]) => !['urlIndex', 'startTime', 'duration'].includes(key) && typeof value === 'number')
            .map(([key, value]) => [key, Math.round(Number(value))]),
        )
      : undefined;
    return { url: short(item['url']), startMs, durationMs, ...(parts ? { parts } : {}) };
  });
}

type TaskNode = {
  event: { name: string; args?: { data?: { url?: string; functionName?: string } } };
  children: TaskNode[];
  parent?: TaskNode;
  startTime: number;
  duration: number;
  selfTime: number;
  attributableURLs: string[];
};

async function observedTasks(
  artifacts: unknown,
  metrics: unknown,
  short: (url: unknown) => string,
): Promise<LighthouseScores['observedTasks']> {
  const trace = (artifacts as { Trace?: Parameters<typeof MainThreadTasks.request>[0] }).Trace;
  if (!trace) return [];
  const tasks = (await MainThreadTasks.request(trace, { computedCache: new Map() })) as unknown as TaskNode[];
  const observedFcp = Number(
    ((metrics as { items?: Record<string, unknown>[] } | undefined)?.items?.[0] ?? {})['observedFirstContentfulPaint'],
  );
  return tasks
    .filter((task) => !task.parent && task.duration >= 10)
    .map((task) => {
      const selfByName = new Map<string, number>();
      const visit = (node: TaskNode) => {
        const data = node.event.args?.data;
        const name = node.event.name + (data?.url ? ` ${short(data.url)}` : '');
        selfByName.set(name, (selfByName.get(name) ?? 0) + node.selfTime);
        node.children.forEach(visit);
      };
      visit(task);
      const top = [...selfByName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
        .join(', ');
      return {
        startMs: Math.round(task.startTime),
        durationMs: Math.round(task.duration),
        afterFcp: task.startTime >= observedFcp,
        url: short(task.attributableURLs[0] ?? ''),
        top,
      };
    });
}
