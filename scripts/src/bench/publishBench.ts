/**
 * `npm run bench:publish -- --fiches N [--publishes 5] [--log file] [--keep]`: the publish pipeline alone
 * (scripts/src/publishSite.ts, the real Astro build, Pagefind, checks, switch) at N fiches, without
 * the CMS: a CMS stand-in answers the export from a synthetic snapshot made of the fixture fiches
 * (content-schemas/fixtures) cloned with their own ids, slugs, short ids and départements. It
 * times one full build (with the peak RSS of its process tree), then `--publishes` incremental
 * publications, each changing one fiche the way editors do (a change note on a local fiche, a
 * summary on a national one, a new fiche, an unpublication, a translation withdrawn), and prints
 * median and max with the time of each step.
 *
 * What it does not time: the CMS (the hook, the job queue, the REST export of N fiches — the
 * stand-in answers from memory) and serving. `npm run bench` times publish → live through the
 * real CMS. Everything is written under a temporary folder, removed at the end.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { contentCollectionNames, departements, shortIdAlphabet, type ContentCollection } from '@passerelle/content-schemas';
import { fixtureSnapshotDir as fixtureDir } from '@passerelle/content-schemas/repository';

import { PublishError, publishSite, type PublishReport } from '../publishSite';
import { randomGenerator } from './corpus';
import { sampleTreeRss, type ProcessSample } from './processTree';
import { check, targets } from './report';
import { median } from './stats';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench edits snapshot JSON of every collection freely
type Json = Record<string, any>;
type Corpus = Record<ContentCollection, Json[]>;

/** N fiches: the fixture's, then clones of them with their own identity and place. */
export async function syntheticCorpus(count: number, seed = 20_261_202): Promise<Corpus> {
  const corpus = Object.fromEntries(
    await Promise.all(
      contentCollectionNames.map(async (name) => [
        name,
        JSON.parse(await readFile(path.join(fixtureDir, `${name}.json`), 'utf8')),
      ]),
    ),
  ) as Corpus;
  const random = randomGenerator(seed);
  const originals = corpus.fiches;
  const shortIds = new Set(originals.map((fiche) => fiche.shortId as string));
  const newShortId = () => {
    for (;;) {
      const id = Array.from({ length: 6 }, () => shortIdAlphabet[Math.floor(random() * shortIdAlphabet.length)]).join('');
      if (!shortIds.has(id)) {
        shortIds.add(id);
        return id;
      }
    }
  };
  for (let index = originals.length; index < count; index += 1) {
    const original = originals[index % originals.length] as Json;
    const copy = structuredClone(original);
    const departement = departements[Math.floor(random() * departements.length)]?.code ?? '75';
    copy.id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    copy.slug = `${original.slug}-${index}`;
    copy.shortId = newShortId();
    copy.title = Object.fromEntries(
      Object.entries(copy.title as Json).map(([locale, text]) => [locale, `${text} (${departement}-${index})`]),
    );
    // Most variants are local, as in the real corpus (scripts/src/bench/corpus.ts).
    if (random() < 0.8) copy.infocards = { ...copy.infocards, location: { scope: 'departements', departements: [departement] } };
    corpus.fiches.push(copy);
  }
  return corpus;
}

/** Payload's REST API as the export reads it, from a corpus held in memory. */
function cmsStandIn(corpus: Corpus): typeof fetch {
  return async (input) => {
    const url = new URL(String(input));
    const media = /^\/api\/media\/file\/(.+)$/.exec(url.pathname);
    if (media?.[1]) return new Response(await readFile(path.join(fixtureDir, 'media', decodeURIComponent(media[1]))));
    if (url.pathname === '/api/redirects') return Response.json({ docs: [] });
    const all = corpus[url.pathname.replace('/api/', '') as ContentCollection] ?? [];
    // Payload's filter on the last change, which an incremental export asks for, and `select`
    // (the list of ids): answered as Payload would, so the bench times the export it makes.
    const since = url.searchParams.get('where[updatedAt][greater_than_equal]');
    const selected = [...url.searchParams.keys()].some((key) => key.startsWith('select['));
    const docs = (since ? all.filter((doc) => String(doc.updatedAt) >= since) : all).map((doc) =>
      selected ? { id: doc.id, createdAt: doc.createdAt } : doc,
    );
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    if (!url.searchParams.has('page')) return Response.json({ docs: docs.slice(0, 1), totalDocs: docs.length });
    return Response.json({
      docs: docs.slice((page - 1) * limit, page * limit),
      hasNextPage: page * limit < docs.length,
      totalDocs: docs.length,
    });
  };
}

/** The edits of the timed publications, in turn. */
const edits: { name: string; apply: (corpus: Corpus, round: number) => void }[] = [
  {
    name: 'change note, local fiche',
    apply: (corpus, round) => {
      const fiche = corpus.fiches.find((entry, index) => index > 10 && entry.infocards.location.scope === 'departements') as Json;
      fiche.changeNote = { fr: `Horaires modifiés (${round}).` };
      fiche.updatedAt = new Date().toISOString();
    },
  },
  {
    name: 'summary, national fiche',
    apply: (corpus, round) => {
      const fiche = corpus.fiches.find((entry) => entry.infocards.location.scope === 'france') as Json;
      fiche.summary = { ...fiche.summary, fr: `${String(fiche.summary.fr).replace(/ \(\d+\)$/, '')} (${round})` };
      fiche.updatedAt = new Date().toISOString();
    },
  },
  {
    name: 'new local fiche',
    apply: (corpus, round) => {
      const copy = structuredClone(corpus.fiches[2] as Json);
      copy.id = `11111111-0000-4000-8000-${String(round).padStart(12, '0')}`;
      copy.slug = `nouvelle-fiche-${round}`;
      copy.shortId = `n${'23456789abcdefghjk'[round % 18]}new${'abcdefghjk'[round % 10]}`;
      copy.createdAt = copy.updatedAt = new Date().toISOString();
      corpus.fiches.push(copy);
    },
  },
  {
    name: 'unpublished local fiche',
    apply: (corpus) => {
      const index = corpus.fiches.findLastIndex((entry) => entry.infocards.location.scope === 'departements');
      corpus.fiches.splice(index, 1);
    },
  },
  {
    name: 'translation withdrawn (uk), local fiche',
    apply: (corpus) => {
      const fiche = corpus.fiches.find(
        (entry, index) => index > 20 && entry.title.uk && entry.infocards.location.scope === 'departements',
      ) as Json;
      const drop = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(drop);
        else if (value && typeof value === 'object') {
          const object = value as Json;
          if ('fr' in object && 'uk' in object) delete object.uk;
          else Object.values(object).forEach(drop);
        }
      };
      drop(fiche);
      if (fiche.translationStatus) delete fiche.translationStatus.uk;
      fiche.updatedAt = new Date().toISOString();
    },
  },
];

async function main(): Promise<void> {
  const argument = (name: string, fallback: number) => {
    const index = process.argv.indexOf(`--${name}`);
    return index === -1 ? fallback : Number(process.argv[index + 1]);
  };
  const fiches = argument('fiches', 100);
  const publishes = argument('publishes', 5);
  // `--log <file>`: every line of the publisher and of the builds it runs (Astro's own step
  // timings, the whole-site passes'), each with the seconds since its publication started.
  const logIndex = process.argv.indexOf('--log');
  const logFile = logIndex === -1 ? undefined : process.argv[logIndex + 1];
  let logStart = Date.now();
  const log = logFile
    ? (line: string) => appendFileSync(logFile, `${((Date.now() - logStart) / 1000).toFixed(1).padStart(7)}  ${line}\n`)
    : () => {};
  if (logFile) writeFileSync(logFile, '');
  const root = mkdtempSync(path.join(tmpdir(), 'passerelle-publish-bench-'));
  const deploysDir = path.join(root, 'deploys');
  try {
    const corpus = await syntheticCorpus(fiches);
    const base = {
      cmsUrl: 'http://cms.bench',
      siteUrl: 'https://passerelle.example',
      deploysDir,
      fetchImpl: cmsStandIn(corpus),
      log,
    };
    console.log(
      `publish bench: ${fiches} fiches, ${publishes} publications; load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`,
    );
    // Every second, the resident memory of each process of the tree goes into the log, between
    // the build's own lines: the step at which memory peaks, and in which process, can be read there.
    let sampleCount = 0;
    const sampler = sampleTreeRss(process.pid, {
      onSample: (processes, total) => {
        if (sampleCount++ % 5 === 0) log(`rss ${megabytes(total)} MB: ${processes.slice(0, 5).map(describeProcess).join(', ')}`);
      },
    });
    let cpu = await cpuSeconds();
    log('=== full build');
    logStart = Date.now();
    const full = await publishSite({ ...base, full: true });
    const { peakBytes, peakAtMs, processes } = sampler.stop();
    const fullCpu = (await cpuSeconds()) - cpu;
    const pages = full.pages.total;
    console.log(
      `full build: ${(full.durationMs / 1000).toFixed(1)} s wall, ${fullCpu.toFixed(1)} s CPU, ${pages} pages, peak RSS ${megabytes(peakBytes)} MB (${steps(full)})`,
    );
    // Which process held what: its own peak, and what each held when the whole tree peaked.
    const peakLine = `full build peak RSS at ${(peakAtMs / 1000).toFixed(1)} s: ${processes
      .filter((entry) => entry.atPeakBytes > 0)
      .map((entry) => `${entry.name} ${megabytes(entry.atPeakBytes)} MB`)
      .join(', ')}; each process's own peak: ${processes
      .slice(0, 8)
      .map((entry) => `${entry.name} (${entry.pid}) ${megabytes(entry.peakBytes)} MB`)
      .join(', ')}`;
    console.log(peakLine);
    log(peakLine);
    const runs: PublishReport[] = [];
    const cpus: number[] = [];
    for (let round = 0; round < publishes; round += 1) {
      const edit = edits[round % edits.length];
      if (!edit) continue;
      edit.apply(corpus, round);
      cpu = await cpuSeconds();
      log(`=== publication ${round + 1} (${edit.name})`);
      logStart = Date.now();
      const report = await publishSite(base);
      runs.push(report);
      cpus.push((await cpuSeconds()) - cpu);
      console.log(
        `publication ${round + 1} (${edit.name}): ${report.kind}, ${(report.durationMs / 1000).toFixed(1)} s wall, ${(cpus.at(-1) ?? 0).toFixed(1)} s CPU (${steps(report)}) — ${report.why}; export ${report.exported.kind}, fiches read: ${report.exported.read.fiches ?? '?'}`,
      );
    }
    const seconds = runs.map((run) => run.durationMs / 1000);
    if (seconds.length > 0)
      console.log(
        `publish → live (pipeline only): median ${median(seconds).toFixed(1)} s, max ${Math.max(...seconds).toFixed(1)} s wall; CPU median ${median(cpus).toFixed(1)} s, max ${Math.max(...cpus).toFixed(1)} s`,
      );
    // Issue 15's targets, judged here too; the tree's peak without this process (its stand-in CMS and corpus).
    const ownAtPeak = processes.find((entry) => entry.pid === process.pid)?.atPeakBytes ?? 0;
    const fullSeconds = full.durationMs / 1000;
    const buildBytes = peakBytes - ownAtPeak;
    const judged = [
      `full build ${fullSeconds.toFixed(1)} s ${check(fullSeconds <= targets.publishFullBuildSeconds)} (≤ ${targets.publishFullBuildSeconds} s)`,
      `peak RSS without the bench ${megabytes(buildBytes)} MB ${check(buildBytes <= targets.buildBytes)} (≤ 1,536 MB)`,
      ...(seconds.length > 0
        ? [
            `median ${median(seconds).toFixed(1)} s ${check(median(seconds) <= targets.publishMedianSeconds)} (≤ ${targets.publishMedianSeconds} s)`,
            `max ${Math.max(...seconds).toFixed(1)} s ${check(Math.max(...seconds) <= targets.publishMaxSeconds)} (≤ ${targets.publishMaxSeconds} s)`,
          ]
        : []),
    ];
    console.log(`targets: ${judged.join(', ')}`);
    const kept = await readdir(deploysDir);
    console.log(`load average at the end: ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
    console.log(`deploys kept: ${kept.filter((name) => /^\d{8}-/.test(name) && !name.includes('.')).length}`);
  } finally {
    // `--keep`: the deploys stay, to time a pass again on a real deploy (docs/publishing.md).
    if (process.argv.includes('--keep')) console.log(`deploys kept in ${deploysDir}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/**
 * CPU seconds used so far by this process and its finished children (utime, stime, cutime,
 * cstime of /proc/self/stat): on a machine shared with other builds, wall time says more about
 * the others than about us; CPU time does not.
 */
async function cpuSeconds(): Promise<number> {
  const fields = (await readFile('/proc/self/stat', 'utf8')).replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, utime 14 … cstime 17 (1-based), so 11–14 here.
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return ticks / 100;
}

const megabytes = (bytes: number) => Math.round(bytes / 1048576).toLocaleString('en');

const describeProcess = (entry: ProcessSample) => `${entry.name} ${megabytes(entry.rssBytes)}`;

const steps = (report: PublishReport) =>
  Object.entries(report.timings)
    .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}`)
    .join(', ');

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    // The publisher's own reason (the build's last error line) says more than the stack.
    if (error instanceof PublishError) console.error(`publication failed at ${error.stage}: ${error.reason}`);
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
