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
  astroSeconds: number;
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
 * How long the search index took, from the build's log as it arrived: from the line printed
 * just before the search-index integration starts (the last one of the step before it) to its
 * first report line, which it prints once every language is indexed.
 */
export function pagefindSeconds(lines: readonly { at: number; text: string }[]): number {
  const first = lines.findIndex((line) => line.text.includes('passerelle-search-index'));
  if (first < 1) throw new Error('the build log has no search index report (passerelle-search-index)');
  return ((lines[first] as { at: number }).at - (lines[first - 1] as { at: number }).at) / 1000;
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
  let report;
  let memory: { peakBytes: number };
  try {
    report = await publishSite({
      cmsUrl: options.cmsUrl,
      siteUrl: options.siteUrl,
      deploysDir: options.deploysDir,
      log: (text) => {
        lines.push({ at: Date.now(), text });
        const built = /(\d+) page\(s\) built/.exec(text) ?? /generating static routes/.exec(text);
        if (built) options.progress(text.trim());
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
    pagesPerSecond: astro.pages / astro.seconds,
    pagefindSeconds: pagefindSeconds(lines),
    exportSeconds: (buildStart - exportStart) / 1000,
    totalSeconds,
    peakRssBytes: memory.peakBytes,
  };
}
