/**
 * The full build, measured: the real publish pipeline (export from the CMS REST API, Astro,
 * Pagefind, checks, atomic switch) into the bench's deploys folder, with the resident memory
 * of every process it starts sampled throughout.
 */
import { publishSite, type PublishStage } from '../publishSite';
import { sampleTreeRss } from './processTree';

export type BuildMeasure = {
  pages: number;
  fiches: number;
  astroPages: number;
  /** Astro's "page(s) built in" figure: rendering, and the whole-site passes when they run inside it (not in a publication). */
  astroSeconds: number;
  renderSeconds: number;
  /** From the start of the site build to Astro's first page: content loading (zod checks) and Vite. */
  beforeRenderSeconds: number;
  /** From Astro's last page to the end of the whole-site passes (in the publisher's finish step), Pagefind left out. */
  afterRenderSeconds: number;
  pagesPerSecond: number;
  pagefindSeconds: number;
  exportSeconds: number;
  totalSeconds: number;
  peakRssBytes: number;
};

/** Astro's own summary line: ` 812 page(s) built in 45.32s`. */
export function parseAstroPages(line: string): { pages: number; seconds: number } | undefined {
  const match = /(\d+) page\(s\) built in ([\d.]+)(m?s)\b/.exec(line);
  if (!match) return undefined;
  const value = Number(match[2]);
  return { pages: Number(match[1]), seconds: match[3] === 'ms' ? value / 1000 : value };
}

/**
 * How long Astro took to render the pages: its own figure on the `✓ Completed in …` line that
 * ends the "generating static routes" phase (the "page(s) built" total also counts the
 * integrations that run after it: CSS pruning, the search index).
 */
export function renderSeconds(lines: readonly string[]): number {
  const start = lines.findIndex((line) => line.includes('generating static routes'));
  if (start < 0) throw new Error('the build log has no "generating static routes" line from Astro');
  for (const line of lines.slice(start + 1)) {
    const match = /Completed in ([\d.]+)(m?s)\b/.exec(line);
    if (match) return Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
  }
  throw new Error('the build log has no "Completed in" line after "generating static routes"');
}

/** Wall-clock spans of the site build's phases, from the arrival times of Astro's log lines. */
export function buildPhases(
  lines: readonly { at: number; text: string }[],
  buildStartedAt: number,
): { beforeRenderSeconds: number; afterRenderSeconds: number } {
  const generating = lines.findIndex((line) => line.text.includes('generating static routes'));
  const rendered = lines.findIndex((line, index) => index > generating && /Completed in/.test(line.text));
  const built = lines.findIndex((line) => /page\(s\) built in/.test(line.text));
  if (generating < 0 || rendered < 0 || built < 0) throw new Error("the build log lacks Astro's phase lines");
  // The whole-site passes end with the service worker: inside Astro's build (a plain `astro
  // build`), or after it in the publisher's finish step (a publication's full build).
  const passesEnd = lines.findLastIndex((line) => /\bsw\.js: build\b/.test(line.text));
  const at = (index: number) => (lines[index] as { at: number }).at;
  return {
    beforeRenderSeconds: (at(generating) - buildStartedAt) / 1000,
    afterRenderSeconds: (at(Math.max(built, passesEnd)) - at(rendered)) / 1000 - pagefindSeconds(lines),
  };
}

/**
 * How long the search index took, from the build's log: the whole-site passes' report of it
 * (`search index: fr 1000, en 1000, …; indexed …, taken from the live deploy … (39877 ms)`,
 * site/src/integrations/wholeSitePasses.ts).
 */
export function pagefindSeconds(lines: readonly { at: number; text: string }[]): number {
  const report = lines.map((line) => /search index: .*; indexed .*\((\d+) ms\)\s*$/.exec(line.text)).find(Boolean);
  if (!report) throw new Error('the build log has no search index report');
  return Number(report[1]) / 1000;
}

export async function measureFullBuild(options: {
  cmsUrl: string;
  siteUrl: string;
  deploysDir: string;
  /** Processes whose memory is not the build's (the CMS). */
  exclude: ReadonlySet<number>;
  progress: (line: string) => void;
}): Promise<BuildMeasure> {
  const lines: { at: number; text: string }[] = [];
  const stageStarts = new Map<PublishStage, number>();
  const sampler = sampleTreeRss(process.pid, { exclude: options.exclude, countRoot: false });
  const started = Date.now();
  let rendered = 0;
  let report;
  let memory: { peakBytes: number };
  try {
    report = await publishSite({
      cmsUrl: options.cmsUrl,
      siteUrl: options.siteUrl,
      deploysDir: options.deploysDir,
      log: (text) => {
        lines.push({ at: Date.now(), text });
        // Astro prints one line per page written (`├─ /fr/…/index.html (+3ms)`).
        if (/[├└]─ \//.test(text)) {
          rendered += 1;
          if (rendered % 500 === 0) options.progress(`${rendered.toLocaleString('en')} pages`);
        } else if (/page\(s\) built|generating static routes|search index: .*; indexed/.test(text)) {
          options.progress(text.trim());
        }
      },
      onStage: (stage) => {
        stageStarts.set(stage, Date.now());
        options.progress(`${stage}…`);
      },
    });
  } finally {
    memory = sampler.stop();
  }
  const totalSeconds = (Date.now() - started) / 1000;
  const astro = lines.map((line) => parseAstroPages(line.text)).find(Boolean);
  if (!astro) throw new Error('the build log has no "page(s) built" line from Astro');
  const exportStart = stageStarts.get('export') ?? started;
  const buildStart = stageStarts.get('build') ?? exportStart;
  return {
    pages: report.pages.total,
    fiches: report.publishedFiches,
    astroPages: astro.pages,
    astroSeconds: astro.seconds,
    renderSeconds: renderSeconds(lines.map((line) => line.text)),
    ...buildPhases(lines, buildStart),
    pagesPerSecond: astro.pages / renderSeconds(lines.map((line) => line.text)),
    pagefindSeconds: pagefindSeconds(lines),
    exportSeconds: (buildStart - exportStart) / 1000,
    totalSeconds,
    peakRssBytes: memory.peakBytes,
  };
}
