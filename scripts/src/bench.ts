/**
 * `npm run bench [-- --quick | --fiches N] […]`: the whole product measured on a throw-away
 * database and deploys folder (see README « Benchmarks » and `--help`). Each step prints its
 * progress; the table with targets is printed at the end and the figures are written to
 * `bench-results/<ISO date>.json`. Everything it starts is stopped and its temporary folders are
 * removed on success, failure and Ctrl-C; a failed step stops the run with a non-zero exit
 * naming the step.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { localeCodes } from '@passerelle/content-schemas';
import { repositoryRoot as repoRoot } from '@passerelle/content-schemas/repository';
import { loadSeedData } from '@passerelle/cms/seed';
import { developmentPassword } from '@passerelle/cms/seed/users';
import type { Browser } from 'playwright-core';

import { launchChromium } from './browser';
import { measureFullBuild } from './bench/buildMeasure';
import { measureCmsLatency } from './bench/cmsLatency';
import { describeCorpus, generateCorpus } from './bench/corpus';
import { runLighthouse, type LighthouseScores } from './bench/lighthouse';
import { migrateDatabase, runLoad } from './bench/load';
import { runMemoryBench } from './bench/memoryBench';
import { runScale } from './bench/scale';
import { parseBenchOptions, usage, UsageError } from './bench/options';
import { measurePageWeight, readableWithoutJs } from './bench/pageWeights';
import {
  formatTable,
  lighthousePages,
  reportRows,
  resultFileName,
  type BenchResults,
  type LighthousePage,
  type PageType,
} from './bench/report';
import { measureSearch } from './bench/searchMeasure';
import { measureSlowFirstPaint } from './bench/slowNetwork';
import { buildAnchor, writeAnchorProject } from './bench/starlightAnchor';
import { median } from './bench/stats';
import { measurePublishToLive } from './measurePublish';
import { isPortTaken, run, stop, waitForUrl } from './processes';
import { createStaticServer } from './staticServer';

const cmsDir = path.join(repoRoot, 'cms');
const benchWork = path.join(repoRoot, '.bench-work');
const editor = { email: 'editor@passerelle.test', password: developmentPassword };

/** A step that failed: the run stops and says which. */
class StepError extends Error {}

const children: ChildProcess[] = [];
const servers: Server[] = [];
let browser: Browser | undefined;
let workDir: string | undefined;
let cleaning: Promise<void> | undefined;
let cmsDone = false;
/** The CMS's last log lines, printed when a step fails: the reason is often on its side. */
let cmsLog: string[] = [];

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    await Promise.all(children.map((child) => stop(child)));
    if (workDir) await rm(workDir, { recursive: true, force: true });
  })();
  return cleaning;
}

let stepNumber = 0;
const stepCount = 10;
async function step<T>(title: string, work: (progress: (line: string) => void) => Promise<T>): Promise<T> {
  stepNumber += 1;
  const label = `[${stepNumber}/${stepCount}]`;
  const started = Date.now();
  console.log(`${label} ${title}…`);
  try {
    const result = await work((line) => console.log(`${label} ${title}… ${line}`));
    console.log(`${label} ${title}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    throw new StepError(`step ${label} "${title}" failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/**
 * A long-running child in its own process group (so `stop` ends its workers too) whose output
 * is kept, not shown: the last lines are printed only if it fails.
 */
function spawnQuiet(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): { child: ChildProcess; tail: string[] } {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) tail.push(line);
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, tail };
}

async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port += 1) if (!(await isPortTaken(port))) return port;
  throw new Error(`no free port between ${from} and ${to}`);
}

async function listen(server: Server, port: number): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function firstDirectory(dir: string): Promise<string> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (!entries[0]) throw new Error(`${dir} has no page folder`);
  return entries[0];
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(usage);
    return;
  }
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.load) {
    await runLoad({ ...options.load, repoRoot });
    return;
  }
  if (options.memory) {
    await runMemoryBench({ fiches: options.memory, randomSeed: options.randomSeed, lookups: 200, repoRoot });
    return;
  }
  if (options.scale) {
    await runScale({
      sizes: options.scale,
      randomSeed: options.randomSeed,
      samples: 20,
      repoRoot,
      browserSamples: options.skipBrowser ? 0 : 5,
    });
    return;
  }
  const startedAt = new Date();
  const corpus = generateCorpus(loadSeedData(), { fiches: options.fiches, randomSeed: options.randomSeed });
  const description = describeCorpus(corpus);
  const cacheDir = path.join(benchWork, 'corpus', `fiches-${options.fiches}-seed-${options.randomSeed}`);

  const setup = await step('preparing a throw-away database and deploys folder', async (progress) => {
    workDir = path.join(benchWork, `run-${process.pid}-${Date.now().toString(36)}`);
    await mkdir(workDir, { recursive: true });
    // The bench's own ranges, so it never takes a port `npm start` or another bench uses.
    const cmsPort = await freePort(Number(process.env.BENCH_CMS_PORT ?? 3400), 3499);
    const sitePort = await freePort(Number(process.env.BENCH_SITE_PORT ?? 4400), 4499);
    progress(`${workDir}, CMS on :${cmsPort}, site on :${sitePort}`);
    return {
      cmsPort,
      sitePort,
      cmsUrl: `http://localhost:${cmsPort}`,
      deploysDir: path.join(workDir, 'deploys'),
      env: {
        ...process.env,
        DATABASE_URI: `file:${path.join(workDir, 'passerelle.db')}`,
        MEDIA_DIR: path.join(workDir, 'media'),
        PAYLOAD_SECRET: randomBytes(24).toString('hex'),
        PAYLOAD_PUBLIC_SERVER_URL: `http://localhost:${cmsPort}`,
        NEXT_TELEMETRY_DISABLED: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
      } as NodeJS.ProcessEnv,
    };
  });
  const { cmsUrl, env, deploysDir } = setup;
  const siteUrl = `http://localhost:${setup.sitePort}`;

  await step('building the CMS admin (turbo replays it when cms/ is unchanged)', () =>
    run('npx', ['turbo', 'run', 'build', '--filter=@passerelle/cms', '--output-logs=errors-only'], {
      cwd: repoRoot,
      env,
      label: 'turbo',
      running: children,
    }),
  );

  const inserted = await step(
    `inserting ${options.fiches} fiches (${description.pages} fiche pages) through the Local API`,
    async (progress) => {
      const database = path.join(workDir as string, 'passerelle.db');
      if (options.reuseCorpus && existsSync(path.join(cacheDir, 'passerelle.db'))) {
        await cp(path.join(cacheDir, 'passerelle.db'), database);
        // A corpus written by an insert that was stopped early may still have its write-ahead log.
        if (existsSync(path.join(cacheDir, 'passerelle.db-wal')))
          await cp(path.join(cacheDir, 'passerelle.db-wal'), `${database}-wal`);
        if (existsSync(path.join(cacheDir, 'media')))
          await cp(path.join(cacheDir, 'media'), path.join(workDir as string, 'media'), { recursive: true });
        // A corpus made by the bulk import (--scale, --load) carries the migrations: it is brought
        // up to date by them (the development push would try to make their indexes again); an
        // older one, made by the development push, by the push.
        const migrated = await migrateDatabase(repoRoot, env).then(
          () => true,
          (error: Error) => {
            if (/development schema push/.test(error.message)) return false;
            throw error;
          },
        );
        if (!migrated) {
          const { child, tail } = spawnQuiet('npx', ['tsx', path.join(repoRoot, 'scripts/src/bench/updateCorpusSchema.ts')], {
            cwd: cmsDir,
            env: { ...env, NODE_ENV: 'development', PAYLOAD_JOBS_AUTORUN: 'false' },
          });
          const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
          if (code !== 0)
            throw new Error(`bringing the kept corpus to the current schema failed (exit code ${code}):\n${tail.join('\n')}`);
        }
        progress(`reused ${cacheDir}${migrated ? ', migrated' : ', schema pushed'}`);
        return { insertSeconds: 0, fichesPerSecond: 0, reused: true };
      }
      let summary: { insertMs: number; fichesPerSecond: number } | undefined;
      const { child, tail } = spawnQuiet(
        'node',
        // --expose-gc: the importer collects once its heap grew by 192 MB, to keep libSQL's native memory bounded (cms/src/import/boundedMemory.ts).
        [
          '--expose-gc',
          '--max-semi-space-size=64',
          '--import',
          'tsx',
          path.join(repoRoot, 'scripts/src/bench/insertCorpus.ts'),
          String(options.fiches),
          String(options.randomSeed),
        ],
        { cwd: cmsDir, env: { ...env, NODE_ENV: 'development', PAYLOAD_JOBS_AUTORUN: 'false' } },
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          const counted = /^progress (\d+) (\d+)(?: (\d+))?/.exec(line);
          if (counted) progress(`${counted[1]}/${counted[2]} fiches${counted[3] ? `, RSS ${counted[3]} MB` : ''}`);
          if (line.startsWith('inserted ')) summary = JSON.parse(line.slice('inserted '.length)) as typeof summary;
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      if (code !== 0 || !summary) throw new Error(`the insert stopped (exit code ${code}):\n${tail.join('\n')}`);
      if (options.reuseCorpus) {
        await mkdir(cacheDir, { recursive: true });
        await cp(database, path.join(cacheDir, 'passerelle.db'));
        if (existsSync(path.join(workDir as string, 'media')))
          await cp(path.join(workDir as string, 'media'), path.join(cacheDir, 'media'), { recursive: true });
      }
      return { insertSeconds: summary.insertMs / 1000, fichesPerSecond: summary.fichesPerSecond, reused: false };
    },
  );

  const publishToken = randomBytes(24).toString('hex');
  const cms = await step('starting the CMS (next start, with its job runner)', async () => {
    const { child, tail } = spawnQuiet('npx', ['next', 'start', '--port', String(setup.cmsPort)], {
      cwd: cmsDir,
      env: { ...env, DEPLOYS_DIR: deploysDir, SITE_URL: siteUrl, PUBLISH_TOKEN: publishToken, NODE_ENV: 'production' },
    });
    cmsLog = tail;
    child.on('exit', (code) => {
      if (!cleaning && !cmsDone) console.error(`bench: the CMS stopped (exit code ${code}):\n${tail.join('\n')}`);
    });
    await waitForUrl(`${cmsUrl}/api/themes?limit=1`);
    return child;
  });
  const notMeasured = new Set([cms.pid as number]);

  const build = await step(`full build: export, Astro, Pagefind, checks, switch (${description.pages} fiche pages)`, (progress) =>
    measureFullBuild({ cmsUrl, siteUrl, deploysDir, exclude: notMeasured, progress }),
  );

  const liveRoot = path.join(deploysDir, 'current');
  const siteServer = createStaticServer({ root: () => liveRoot });
  const servedUrl = await listen(siteServer, setup.sitePort);
  const ficheWithArabic = corpus.fiches.find((fiche) => fiche.translations.ar) ?? corpus.fiches[0];
  if (!ficheWithArabic) throw new StepError('the corpus has no fiche');
  const segment = ficheWithArabic.type === 'demarche' ? 'demarches' : 'dispositifs';

  const pagePaths: Record<PageType, string> = {
    home: '/fr/',
    theme: `/fr/themes/${await firstDirectory(path.join(liveRoot, 'fr', 'themes'))}/`,
    departement: `/fr/departements/${await firstDirectory(path.join(liveRoot, 'fr', 'departements'))}/`,
    ficheFr: `/fr/${segment}/${ficheWithArabic.key}/`,
    ficheAr: `/ar/${segment}/${ficheWithArabic.key}/`,
    search: '/fr/recherche/',
  };
  const { pageWeights, search } = await step('page weights and search in Chromium', async (progress) => {
    const paths = pagePaths;
    const weights = {} as Record<PageType, Awaited<ReturnType<typeof measurePageWeight>>>;
    for (const [type, pagePath] of Object.entries(paths) as [PageType, string][])
      weights[type] = await measurePageWeight(`${servedUrl}${pagePath}`);
    browser = await launchChromium();
    for (const type of ['ficheFr', 'ficheAr'] as const)
      weights[type].readableWithoutJs = await readableWithoutJs(browser, weights[type].url);
    progress('page weights measured');
    const query = 'logement';
    const measure = await measureSearch({
      browser,
      origin: servedUrl,
      locale: 'fr',
      query,
      steps: ['q=travail', 'theme=health'],
    });
    if (measure.error) throw new Error('the search page showed an error');
    await browser.close();
    browser = undefined;
    return { pageWeights: weights, search: { locale: 'fr', query, measure } };
  });

  const cmsLatency = await step('CMS latency: admin list query and publish request', (progress) =>
    measureCmsLatency({ cmsUrl, ...editor, samples: 20, progress }),
  );

  const publishToLive = await step(`publish → live, ${options.publishes} real publications through REST`, async (progress) => {
    const { seconds } = await measurePublishToLive({
      cmsUrl,
      siteUrl: servedUrl,
      runs: options.publishes,
      slug: ficheWithArabic.key,
      ...editor,
      onRun: (runNumber, value) => progress(`run ${runNumber}: ${value.toFixed(1)} s`),
    });
    return { seconds, median: median(seconds), max: Math.max(...seconds) };
  });

  const lighthouse = options.skipLighthouse
    ? ((stepNumber += 1), undefined)
    : await step(
        `Lighthouse mobile (${options.lighthouseRuns} runs each): ${lighthousePages.join(', ')}; fiche fr and ar on 2G`,
        async (progress) => {
          const scores = {} as Record<LighthousePage, LighthouseScores>;
          for (const page of lighthousePages)
            scores[page] = await runLighthouse(`${servedUrl}${pagePaths[page]}`, options.lighthouseRuns, (line) =>
              progress(`${page} ${line}`),
            );
          const slowBrowser = await launchChromium();
          try {
            const twoG = {
              ficheFr: await measureSlowFirstPaint(slowBrowser, `${servedUrl}${pagePaths.ficheFr}`, {
                runs: options.lighthouseRuns,
              }),
              ficheAr: await measureSlowFirstPaint(slowBrowser, `${servedUrl}${pagePaths.ficheAr}`, {
                runs: options.lighthouseRuns,
              }),
            };
            progress(`2G first paint: fr ${twoG.ficheFr.fcpMs.toFixed(0)} ms, ar ${twoG.ficheAr.fcpMs.toFixed(0)} ms`);
            return { scores, twoG };
          } finally {
            await slowBrowser.close();
          }
        },
      );

  // The CMS is done: the anchor builds on a machine as quiet as ours had.
  cmsDone = true;
  await stop(cms);

  // A reference that cannot build is a finding, not a reason to lose every figure above.
  const anchor: BenchResults['anchor'] = options.skipAnchor
    ? ((stepNumber += 1), undefined)
    : await step('Starlight anchor: same fiches, same 8 languages, built-in Pagefind', async (progress) => {
        const dir = path.join(workDir as string, 'starlight-anchor');
        const files = await writeAnchorProject(dir, corpus, path.join(repoRoot, 'site', 'src', 'i18n'));
        progress(`${files} Markdown pages written`);
        const anchorBuild = await buildAnchor(dir, repoRoot, progress);
        const anchorServer = createStaticServer({ root: () => anchorBuild.distDir });
        const anchorUrl = await listen(anchorServer, await freePort(setup.sitePort + 1, 4499));
        return {
          build: anchorBuild,
          ficheFr: await measurePageWeight(`${anchorUrl}/fr/${segment}/${ficheWithArabic.key}/`),
          ficheAr: await measurePageWeight(`${anchorUrl}/ar/${segment}/${ficheWithArabic.key}/`),
        };
      }).catch((error: unknown) => {
        const failed = error instanceof Error ? error.message : String(error);
        console.error(`bench: ${failed}`);
        return { failed };
      });

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: os.loadavg(),
    },
    options,
    corpus: {
      fiches: description.fiches,
      pages: description.pages,
      translationsByLocale: description.translationsByLocale,
      ...inserted,
    },
    build,
    publishToLive,
    pageWeights,
    search,
    cms: cmsLatency,
    ...(lighthouse ? { lighthouse: lighthouse.scores, twoG: lighthouse.twoG } : {}),
    ...(anchor ? { anchor } : {}),
  };
  const resultsDir = path.join(repoRoot, 'bench-results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, resultFileName(startedAt));
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nPassérelle bench — ${options.fiches} fiches × ${localeCodes.length} languages, ${results.machine.cpus} CPU (${results.machine.cpuModel}), ${results.machine.memoryGB} GB, Node ${process.version}, load ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}\n`,
  );
  console.log(formatTable(reportRows(results)));
  console.log(`\nresults: ${path.relative(repoRoot, file)}`);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping everything…`);
    void cleanUp().then(() => process.exit(130));
  });
}

main()
  .then(() => cleanUp())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    if (error instanceof UsageError) console.error(`bench: ${error.message}\n${usage}`);
    else console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof StepError && cmsLog.length > 0) console.error(`the CMS's last lines:\n${cmsLog.join('\n')}`);
    await cleanUp();
    process.exit(1);
  });
