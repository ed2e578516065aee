/**
 * `npm run bench -- --load`: editors and translators working while publications go through.
 *
 * N concurrent users (60 % editors, 40 % translators, logged in through REST with the seed's
 * development logins) go from screen to screen of the admin for `--duration` seconds, each screen
 * sent as the requests the admin makes for it (loadRequests.ts: lists of 10 reading only their
 * columns, edit and side-by-side views, autosaves, translation saves), with a think time between
 * screens, exponential with a mean of `--think` seconds (loadSessions.ts says why 7 s); meanwhile
 * `--publish-rate` publications a minute through REST, each on its own fiche with a marker in its
 * summary. Those figures are held to the target. Then it waits for the queue to drain, checks
 * every marker on the live site, and runs the same users with no pause for `--saturation`
 * seconds: the most requests a second the CMS answers and their latency, a separate figure, not
 * held to the target (nobody clicks non-stop). Finally the static server's throughput for a fiche
 * page, compressed. Everything binds to 127.0.0.1.
 *
 * Without `--cms-url`, it starts the CMS itself as docs/deploy.md deploys it (`loadServer.ts`:
 * Payload's REST handlers on node:http): a web process (CMS_ROLE=web, the users' requests, no
 * jobs) and one worker (CMS_ROLE=worker, niced: the job runner, the real publish pipeline, whose
 * export reads the worker's own API), both on one throw-away SQLite file in WAL mode migrated
 * with the committed migrations: the seed, a copy of `--database FILE`, or of the synthetic
 * corpus of `--fiches N`, inserted once and kept in .bench-work/corpus/. Before the load, the
 * site is built once from that database and made
 * live, as a production site is: the publications of the run are then the ones an editor makes
 * on a live site (incremental when they can be). With `--fiches`, that live site is kept with
 * the corpus too, so a second run starts at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

import { startedAgainIfUnsettled, type Ended } from '@passerelle/cms/unsettledStart';
import autocannon from 'autocannon';

import { createStaticServer } from '../staticServer';
import type { RequestKind, Send } from './loadRequests';
import { editorSession, translatorSession, type ScreenKind } from './loadSessions';
import { isPortTaken } from '../processes';

export type LoadOptions = {
  users: number;
  durationSeconds: number;
  publishesPerMinute: number;
  cmsUrl?: string;
  siteUrl?: string;
  database?: string;
  /** The synthetic corpus (bench/corpus.ts) of this size, inserted on the first run and kept. */
  corpus?: { fiches: number; randomSeed: number };
  /** `--no-live-site`: no site built before the load; the run's first publication builds it all. */
  noLiveSite?: boolean;
  /** `--think S`: mean time (s) a user spends on a screen before the next (loadSessions.ts); 0: none. */
  thinkSeconds?: number;
  /** `--saturation S`: then the same users with no pause for S seconds (0: not run). */
  saturationSeconds?: number;
  repoRoot: string;
};

type Fiche = { id: string; slug: string; type: string; _status?: string };
export type Percentiles = { count: number; p50: number; p95: number; p99: number; max: number };

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

const password = 'passerelle-dev';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function login(cmsUrl: string, email: string): Promise<string> {
  const response = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`login of ${email} failed: HTTP ${response.status}`);
  return body.token;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `JWT ${token}` } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function fichePath(fiche: Fiche, locale = 'fr'): string {
  return `/${locale}/${fiche.type === 'demarche' ? 'demarches' : 'dispositifs'}/${fiche.slug}/`;
}

/** The address every build of the run is made for: the live site's must match for incremental builds. */
const loadSiteUrl = 'http://127.0.0.1:4400';

/** How a child of the run ended, with the tail of its output (stdout and stderr). */
type ChildEnded = Ended & { tail: string };

/** Runs a child to its end, printing its `progress …` lines; rejects on a non-zero exit, with the tail of its output. */
async function runChild(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; label: string },
): Promise<void> {
  const { code, tail } = await childEnded(command, args, options);
  if (code !== 0) throw new Error(`${options.label} stopped (exit code ${code}):\n${tail}`);
}

/** Runs a child to its end, printing its `progress …` lines; how it ended, whatever its exit code. */
function childEnded(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; label: string; onOutput?: (text: string) => void },
): Promise<ChildEnded> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  let ownOutput = false;
  let lastPrinted = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    options.onOutput?.(text);
    tail = (tail + text).slice(-4000);
    const progress = text.split('\n').findLast((line) => line.startsWith('progress ') || line.startsWith('publish: '));
    if (progress && Date.now() - lastPrinted > 15_000) {
      lastPrinted = Date.now();
      console.log(`  ${options.label}: ${progress.slice(0, 160)}`);
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    ownOutput = true;
    keep(chunk);
  });
  child.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // 'close', not 'exit': the output's last chunks may arrive after the exit.
    child.once('close', (code) => resolve({ code, ownOutput, tail }));
  });
}

/**
 * The kept corpus of `--fiches N`: .bench-work/corpus/fiches-N-seed-S/ (the folder the whole
 * bench's `--reuse-corpus` uses) with passerelle.db and media/, inserted here if missing, into a
 * staging folder renamed at the end so a stopped insert is never taken for a corpus.
 */
export function corpusDir(repoRoot: string, corpus: { fiches: number; randomSeed: number }): string {
  return path.join(repoRoot, '.bench-work', 'corpus', `fiches-${corpus.fiches}-seed-${corpus.randomSeed}`);
}

async function keptCorpus(options: LoadOptions & { corpus: { fiches: number; randomSeed: number } }): Promise<string> {
  const dir = corpusDir(options.repoRoot, options.corpus);
  const database = path.join(dir, 'passerelle.db');
  if (existsSync(database)) return database;
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  console.log(`  inserting ${options.corpus.fiches} fiches into ${dir} (once; later runs reuse it)`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URI: `file:${path.join(staging, 'passerelle.db')}`,
    MEDIA_DIR: path.join(staging, 'media'),
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    PAYLOAD_DB_PUSH: 'false',
    NODE_ENV: 'development',
    PAYLOAD_JOBS_AUTORUN: 'false',
  };
  // The schema of the migrations, so the run's servers can migrate a copy of it (see cmsEnv).
  await migrateDatabase(options.repoRoot, env);
  await runChild(
    process.execPath,
    // --expose-gc: the importer collects once its heap grew by 192 MB, to keep libSQL's native memory bounded (cms/src/import/boundedMemory.ts).
    [
      '--expose-gc',
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      path.join(options.repoRoot, 'scripts/src/bench/insertCorpus.ts'),
      String(options.corpus.fiches),
      String(options.corpus.randomSeed),
    ],
    { cwd: path.join(options.repoRoot, 'cms'), env, label: 'insert' },
  );
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  return database;
}

/**
 * The live site before the load: copied from the corpus's kept deploys when there are, else one
 * full publication (`npm run publish:site`, the pipeline the job runner runs) from the CMS just
 * started, kept with the corpus for the next run.
 */
async function liveSiteBeforeLoad(options: LoadOptions, cmsUrl: string, deploysDir: string): Promise<'kept' | 'built'> {
  const kept = options.corpus ? path.join(corpusDir(options.repoRoot, options.corpus), 'deploys') : undefined;
  if (kept && existsSync(path.join(kept, 'current'))) {
    await cp(kept, deploysDir, { recursive: true, verbatimSymlinks: true });
    return 'kept';
  }
  await runChild(process.execPath, ['--import', 'tsx', path.join(options.repoRoot, 'scripts/src/publish.ts')], {
    cwd: options.repoRoot,
    env: { ...process.env, CMS_URL: cmsUrl, SITE_URL: loadSiteUrl, DEPLOYS_DIR: deploysDir, ASTRO_TELEMETRY_DISABLED: '1' },
    label: 'publish',
  });
  if (kept) {
    const staging = `${kept}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await cp(deploysDir, staging, { recursive: true, verbatimSymlinks: true });
    await rm(kept, { recursive: true, force: true });
    await rename(staging, kept);
  }
  return 'built';
}

/** A free port of the bench's range (3400–3499), other than those given. */
async function freePort(taken: number[] = []): Promise<number> {
  const first = 3400 + Math.floor(Math.random() * 90);
  let port = first;
  while (taken.includes(port) || (await isPortTaken(port))) {
    port = port >= 3499 ? 3400 : port + 1;
    if (port === first) throw new Error('load: no free port between 3400 and 3499');
  }
  return port;
}

/**
 * The environment of every CMS process of the run (the migration, both servers): the schema
 * comes from the committed migrations, never from Drizzle's development push, which asks on
 * stdin before a change that would lose data and, with no terminal, ends the process with 13.
 */
export function cmsEnv(work: string, secret: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URI: `file:${path.join(work, 'passerelle.db')}`,
    MEDIA_DIR: path.join(work, 'media'),
    PAYLOAD_SECRET: secret,
    PAYLOAD_DB_PUSH: 'false',
    TOTP_REQUIRED: 'false',
    LOG_FORMAT: 'json',
    NODE_ENV: 'development',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
}

/**
 * The committed migrations not yet applied on the run's database, ended by a checkpoint
 * (`cms/src/database/migrateCli.ts`). Run again after Node 20's unsettled start
 * (@passerelle/cms/unsettledStart): migrations already applied are skipped, so that is safe. An
 * end with anything else, or without its last line « migrations: done », fails the run.
 */
export async function migrateDatabase(repoRoot: string, env: NodeJS.ProcessEnv): Promise<void> {
  let output = '';
  const { code } = await startedAgainIfUnsettled(() => {
    output = '';
    return childEnded(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cms/src/database/migrateCli.ts')], {
      cwd: path.join(repoRoot, 'cms'),
      env,
      label: 'migrate',
      onOutput: (text) => (output += text),
    });
  });
  // On a database made by the development push, Payload asks before migrating and, with no
  // terminal to answer, goes on without migrating: say so instead of starting on it.
  if (/run Payload in dev mode/.test(output)) {
    throw new Error(
      `load: ${env.DATABASE_URI} was not migrated: it was made by the development schema push, not the migrations. Make it again (delete it; for a kept corpus, its folder in .bench-work/corpus/).\n${output.slice(-2000)}`,
    );
  }
  if (code === 0 && /^migrations: done/m.test(output)) return;
  throw new Error(
    `load: the migration of ${env.DATABASE_URI} ended (exit code ${code}) without finishing:\n${output.slice(-2000)}`,
  );
}

/** How much lower the worker's priority is than the web process's (`nice -n 10`). */
const workerNice = 10;

type CmsServer = { child: ChildProcess; url: string; stats: () => unknown };

/**
 * One CMS REST server (loadServer.ts) with this role, ready when our own child says so: a health
 * check on the port could be answered by another bench's CMS and send it the load.
 */
async function launchCms(options: LoadOptions, role: 'web' | 'worker', port: number, env: NodeJS.ProcessEnv): Promise<CmsServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(options.repoRoot, 'scripts/src/bench/loadServer.ts'), String(port)],
    {
      cwd: path.join(options.repoRoot, 'cms'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, CMS_ROLE: role },
    },
  );
  // The worker's publications (the export it serves, Astro, Pagefind: its children inherit the
  // priority) yield the CPU to the editors' requests, as `nice` does on a shared machine.
  // Relative to the bench's own (itself run under `nice` here), as `nice -n 10` would be.
  if (role === 'worker' && child.pid) os.setPriority(child.pid, Math.min(19, os.getPriority() + workerNice));
  let tail = '';
  let lastStats: unknown;
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('LOAD_SERVER_STATS ')) lastStats = JSON.parse(line.slice('LOAD_SERVER_STATS '.length));
      else tail = (tail + line + '\n').slice(-4000);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`load: the CMS (${role}) did not start in 15 minutes:\n${tail}`)),
      15 * 60_000,
    );
    const onData = () => {
      if (tail.includes(`LOAD_SERVER_READY ${port}`)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load: the CMS (${role}) stopped (exit code ${code}):\n${tail}`));
    });
  });
  child.once('exit', (code) => {
    if (code) console.error(`load: the CMS (${role}) stopped during the run (exit code ${code}):\n${tail}`);
  });
  return { child, url: `http://127.0.0.1:${port}`, stats: () => lastStats };
}

/**
 * The production topology of docs/deploy.md on this machine: a web process (CMS_ROLE=web: the
 * editors' API, never a job) and one worker (CMS_ROLE=worker: the job runner, niced), both on
 * the run's SQLite file in WAL mode. The worker's builds read its own API (PUBLISH_CMS_URL), so
 * the export never queues behind the editors' requests nor slows them.
 */
async function startServer(
  options: LoadOptions,
  work: string,
): Promise<{ web: CmsServer; worker: CmsServer; cmsUrl: string; siteRoot: string; deploysDir: string }> {
  const database = path.join(work, 'passerelle.db');
  const source = options.corpus ? await keptCorpus({ ...options, corpus: options.corpus }) : options.database;
  if (source) {
    await cp(source, database);
    // A database copied live keeps part of its content in the write-ahead log; the uploads beside it.
    if (existsSync(`${source}-wal`)) await cp(`${source}-wal`, `${database}-wal`);
    const media = path.join(path.dirname(source), 'media');
    if (existsSync(media)) await cp(media, path.join(work, 'media'), { recursive: true });
  }
  const webPort = await freePort();
  const workerPort = await freePort([webPort]);
  const deploysDir = path.join(work, 'deploys');
  const env = cmsEnv(work, randomBytes(24).toString('hex'));
  await migrateDatabase(options.repoRoot, env);
  // The web process first, alone: it seeds an empty database before the worker opens it.
  const web = await launchCms(options, 'web', webPort, env);
  const worker = await launchCms(options, 'worker', workerPort, {
    ...env,
    PAYLOAD_JOBS_AUTORUN: 'true',
    DEPLOYS_DIR: deploysDir,
    PUBLISH_CMS_URL: `http://127.0.0.1:${workerPort}`,
    SITE_URL: loadSiteUrl,
  });
  return { web, worker, cmsUrl: web.url, siteRoot: path.join(deploysDir, 'current'), deploysDir };
}

/** The machine's 1-minute load average every 10 s: the figures mean little without it here. */
function sampleLoad(): { stop: () => { samples: number; mean: number; max: number; cpus: number } } {
  const samples: number[] = [os.loadavg()[0] ?? 0];
  const timer = setInterval(() => samples.push(os.loadavg()[0] ?? 0), 10_000);
  return {
    stop: () => {
      clearInterval(timer);
      const round = (value: number) => Math.round(value * 10) / 10;
      return {
        samples: samples.length,
        mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
        max: round(Math.max(...samples)),
        cpus: os.cpus().length,
      };
    },
  };
}

/** TPC-W's mean think time (loadSessions.ts says why). */
export const defaultThinkSeconds = 7;
export const defaultSaturationSeconds = 60;

export type PhaseResult = {
  seconds: number;
  /** Answers received (2xx or not). */
  answered: number;
  requestsPerSecond: number;
  errors: { network: number; timeouts: number; non2xx: number; kinds: Record<string, number> };
  latencyMs: {
    all: Percentiles;
    byRequest: Partial<Record<RequestKind, Percentiles>>;
    byScreen: Partial<Record<ScreenKind, Percentiles>>;
  };
};

/** One request on this user's agent, its answer read whole, 30 s at most (a `TimeoutError`). */
function httpRequest(
  agent: http.Agent,
  url: string,
  method: string,
  token: string,
  body: unknown,
): Promise<{ response: { ok: boolean; status: number }; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `JWT ${token}`,
          'content-type': 'application/json',
          ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          clearTimeout(timer);
          const status = answer.statusCode ?? 0;
          resolve({ response: { ok: status >= 200 && status < 300, status }, text: Buffer.concat(chunks).toString('utf8') });
        });
        answer.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      const error = new Error(`${method} ${url}: no answer in 30 s`);
      error.name = 'TimeoutError';
      request.destroy(error);
    }, 30_000);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(payload);
  });
}

/**
 * The users of one phase: `editors` + `translators` sessions (loadSessions.ts) for
 * `durationSeconds`, each request with a 30 s deadline. A failed request ends its screen (the
 * person reloads: the session goes on with the next screen) and is counted by kind and second.
 * Users start spread over the first think time, as people arriving, not all in the same second.
 */
export async function runUsers(args: {
  cmsUrl: string;
  tokens: { editor: string; translator: string };
  editors: number;
  translators: number;
  fiches: { id: string }[];
  translations: { id: string }[];
  fichePages: number;
  durationSeconds: number;
  thinkMs: number;
}): Promise<PhaseResult> {
  const started = Date.now();
  const endsAt = started + args.durationSeconds * 1000;
  const byRequest = new Map<RequestKind, number[]>();
  const byScreen = new Map<ScreenKind, number[]>();
  const errors = { network: 0, timeouts: 0, non2xx: 0, kinds: {} as Record<string, number> };
  let answered = 0;
  const fail = (key: string) => (errors.kinds[key] = (errors.kinds[key] ?? 0) + 1);
  const at = () => `${Math.round((Date.now() - started) / 1000)} s`;
  // Each user its own keep-alive connections (at most 6, as a browser has per host), not one
  // pool shared by all: with Node's fetch, in the no-pause run, most translators' requests waited
  // 30 s while the web process answered everyone else's in milliseconds.
  const sendAs = (token: string): Send => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    return async (kind, method, path, body) => {
      const sent = performance.now();
      let response: { ok: boolean; status: number };
      let text: string;
      try {
        ({ response, text } = await httpRequest(agent, `${args.cmsUrl}${path}`, method, token, body));
      } catch (error) {
        const timeout = (error as Error).name === 'TimeoutError';
        if (timeout) errors.timeouts += 1;
        else errors.network += 1;
        const code = (error as { code?: string }).code ?? (error as Error).name;
        fail(`${kind}: ${timeout ? 'timeout' : code} at ${at()}`);
        throw error;
      }
      answered += 1;
      const list = byRequest.get(kind) ?? [];
      list.push(performance.now() - sent);
      byRequest.set(kind, list);
      if (!response.ok) {
        errors.non2xx += 1;
        fail(`${kind}: HTTP ${response.status} ${text.slice(0, 120)} at ${at()}`);
        throw new Error(`${method} ${path}: HTTP ${response.status}`);
      }
      return JSON.parse(text) as unknown;
    };
  };
  const screen = async (kind: ScreenKind, run: () => Promise<unknown>) => {
    const begun = performance.now();
    const result = await run();
    const list = byScreen.get(kind) ?? [];
    list.push(performance.now() - begun);
    byScreen.set(kind, list);
    return result;
  };
  // A pause never runs past the end of the phase.
  const pause = (ms: number) => sleep(Math.max(0, Math.min(ms, endsAt - Date.now())));
  const user = async (role: 'editor' | 'translator', index: number) => {
    await pause(Math.random() * args.thinkMs);
    const session = {
      send: sendAs(args.tokens[role]),
      thinkMs: args.thinkMs,
      until: () => Date.now() >= endsAt,
      sleep: pause,
      fiches: args.fiches,
      translations: args.translations,
      language: 'ar',
      fichePages: args.fichePages,
    };
    while (Date.now() < endsAt) {
      try {
        await (role === 'editor' ? editorSession(session, screen) : translatorSession(session, screen));
      } catch {
        // Counted by sendAs; as a person would, start again from the list after a moment.
        await pause(args.thinkMs > 0 ? args.thinkMs : 1_000);
      }
    }
    return index;
  };
  await Promise.all([
    ...Array.from({ length: args.editors }, (_, index) => user('editor', index)),
    ...Array.from({ length: args.translators }, (_, index) => user('translator', index)),
  ]);
  const seconds = (Date.now() - started) / 1000;
  return {
    seconds: Math.round(seconds),
    answered,
    requestsPerSecond: Math.round((answered / seconds) * 10) / 10,
    errors,
    latencyMs: {
      all: percentiles([...byRequest.values()].flat().map(Math.round)),
      byRequest: Object.fromEntries([...byRequest].map(([kind, values]) => [kind, percentiles(values.map(Math.round))])),
      byScreen: Object.fromEntries([...byScreen].map(([kind, values]) => [kind, percentiles(values.map(Math.round))])),
    },
  };
}

export async function runLoad(options: LoadOptions): Promise<void> {
  const work = path.join(options.repoRoot, '.bench-work', `load-${process.pid}`);
  await mkdir(work, { recursive: true });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let site: ReturnType<typeof createStaticServer> | undefined;
  try {
    const corpus = options.corpus
      ? `the ${options.corpus.fiches}-fiche corpus`
      : options.database
        ? `a copy of ${options.database}`
        : 'the seed';
    console.log(`[load 1/5] CMS: ${options.cmsUrl ?? `starting its REST API on ${corpus}`}`);
    if (!options.cmsUrl) server = await startServer(options, work);
    const cmsUrl = options.cmsUrl ?? (server as { cmsUrl: string }).cmsUrl;
    let liveSite: 'kept' | 'built' | 'given' | 'none' = server ? 'none' : 'given';
    if (server && !options.noLiveSite) {
      const started = Date.now();
      console.log('  the live site before the load (a full build the first time)');
      // Read from the worker, as its own builds are.
      liveSite = await liveSiteBeforeLoad(options, server.worker.url, server.deploysDir);
      console.log(`  live site ${liveSite} in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const editorToken = await login(cmsUrl, 'editor@passerelle.test');
    const translatorToken = await login(cmsUrl, 'translator-ar@passerelle.test');
    const { docs: fiches } = await getJson<{ docs: Fiche[] }>(
      `${cmsUrl}/api/fiches?limit=1000&depth=0&select[slug]=true&select[type]=true&select[_status]=true`,
      editorToken,
    );
    const published = fiches.filter((fiche) => fiche._status === 'published');
    const publications = Math.max(1, Math.round((options.durationSeconds / 60) * options.publishesPerMinute));
    // Each publication on its own fiche (its marker must be the one online); drafts on the others.
    const toPublish = published.slice(0, publications);
    const forDrafts = fiches.filter((fiche) => !toPublish.includes(fiche));
    if (toPublish.length < publications || forDrafts.length === 0)
      throw new Error(`not enough fiches (${fiches.length}) for ${publications} publications`);

    const { docs: translations } = await getJson<{ docs: { id: string }[] }>(
      `${cmsUrl}/api/translations?limit=1000&depth=0&select[language]=true&where[language][equals]=ar`,
      translatorToken,
    );
    const editors = Math.max(1, Math.round(options.users * 0.6));
    const translators = Math.max(0, options.users - editors);
    const thinkSeconds = options.thinkSeconds ?? defaultThinkSeconds;
    const saturationSeconds = options.saturationSeconds ?? defaultSaturationSeconds;
    const users = {
      cmsUrl,
      tokens: { editor: editorToken, translator: translatorToken },
      editors,
      translators,
      fiches: forDrafts,
      translations,
      fichePages: Math.max(1, Math.ceil(fiches.length / 10)),
    };
    console.log(
      `[load 2/5] ${options.users} users (${editors} editors, ${translators} translators) for ${options.durationSeconds} s, think time ${thinkSeconds} s on average, ${publications} publications`,
    );
    // Each server's own figures (time inside the process per kind of request, event loop, CPU) from now on.
    const resetServerStats = () => {
      for (const cms of server ? [server.web, server.worker] : []) cms.child.kill('SIGUSR2');
    };
    resetServerStats();

    const published_: { fiche: Fiche; marker: string; at: number; status: number }[] = [];
    // On a fixed schedule (the middle of each slot), whatever the answers take: a slow answer
    // must not stretch « 5 a minute » into fewer, nor the run past its duration.
    const every = 60_000 / options.publishesPerMinute;
    const publisherStarted = Date.now();
    const publisher = Promise.all(
      toPublish.map(async (fiche, index) => {
        await sleep(Math.max(0, publisherStarted + (index + 0.5) * every - Date.now()));
        const marker = `Mise à jour publiée ${randomBytes(4).toString('hex')}`;
        const response = await fetch(`${cmsUrl}/api/fiches/${fiche.id}?depth=0`, {
          method: 'PATCH',
          headers: { authorization: `JWT ${editorToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            summary: `${marker} : les informations de cette fiche ont été vérifiées.`,
            _status: 'published',
          }),
        }).catch(() => undefined);
        published_.push({ fiche, marker, at: Date.now(), status: response?.status ?? 0 });
      }),
    );
    const machineLoad = sampleLoad();
    const paced = await runUsers({ ...users, durationSeconds: options.durationSeconds, thinkMs: thinkSeconds * 1000 });
    await publisher;
    const loadDuringRun = machineLoad.stop();
    const insideServers = server ? { web: server.web.stats(), worker: server.worker.stats() } : undefined;
    const total = {
      requests: paced.answered + paced.errors.network + paced.errors.timeouts,
      errors: paced.errors.network,
      timeouts: paced.errors.timeouts,
      non2xx: paced.errors.non2xx,
    };
    const errorKinds = paced.errors.kinds;
    const latencyMs = paced.latencyMs;
    // Printed now: the figures of the load stand even if the publications then take too long.
    console.log(
      `  ${JSON.stringify({ requests: total, requestsPerSecond: paced.requestsPerSecond, errorKinds, latencyMs, machineLoad: loadDuringRun, insideServers })}`,
    );

    console.log('[load 3/5] waiting for the publications to go live');
    const drainStarted = Date.now();
    const drainedBy = drainStarted + 30 * 60_000;
    let drained = false;
    for (;;) {
      const { totalDocs } = await getJson<{ totalDocs: number }>(
        `${cmsUrl}/api/builds?limit=1&where[status][in]=queued,running`,
        editorToken,
      );
      if (totalDocs === 0) {
        drained = true;
        break;
      }
      if (Date.now() > drainedBy) {
        console.error('load: the publish queue did not drain in 30 minutes; publications still queued are reported not live');
        break;
      }
      await sleep(3_000);
    }
    const drainSeconds = Math.round((Date.now() - drainStarted) / 1000);
    // Exactly one job runner: the web process says it runs none, the worker that it runs them.
    const runners = server
      ? await Promise.all(
          [server.web, server.worker].map(async (cms) => {
            const health = (await (await fetch(`${cms.url}/api/health`)).json()) as { role: string; jobs: { runsHere: boolean } };
            return { role: health.role, runsJobs: health.jobs.runsHere };
          }),
        )
      : undefined;
    const { docs: builds } = await getJson<{
      docs: {
        status: string;
        requestCount?: number;
        durationSeconds?: number;
        kind?: string;
        kindReason?: string;
        phase?: string;
        logTail?: string;
      }[];
    }>(`${cmsUrl}/api/builds?limit=100&sort=-createdAt&depth=0`, editorToken);
    let siteUrl = options.siteUrl;
    if (!siteUrl && server) {
      site = createStaticServer({ root: () => (server as { siteRoot: string }).siteRoot });
      await new Promise<void>((resolve) => site?.listen(0, '127.0.0.1', resolve));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    }
    if (!siteUrl) throw new Error('--cms-url needs --site-url, to check that every publication is live');
    const live = await Promise.all(
      published_.map(async (entry) => {
        const page = await fetch(`${siteUrl}${fichePath(entry.fiche)}`).then((response) => (response.ok ? response.text() : ''));
        return { ...entry, live: page.includes(entry.marker) };
      }),
    );

    // The saturation figure: the same users clicking without a pause, once the publications are
    // through (their builds would take the CPU from the web process): the most requests a second
    // this web process answers, and at what latency. Not held to the target: no editor works so.
    let saturation:
      | (PhaseResult & { machineLoad: ReturnType<ReturnType<typeof sampleLoad>['stop']>; insideServers?: unknown })
      | undefined;
    if (saturationSeconds > 0) {
      console.log(`[load 3b/5] saturation: the same ${options.users} users with no pause, for ${saturationSeconds} s`);
      resetServerStats();
      const satLoad = sampleLoad();
      const result = await runUsers({ ...users, durationSeconds: saturationSeconds, thinkMs: 0 });
      saturation = {
        ...result,
        machineLoad: satLoad.stop(),
        ...(server ? { insideServers: { web: server.web.stats() } } : {}),
      };
      console.log(
        `  ${JSON.stringify({ requestsPerSecond: saturation.requestsPerSecond, latencyMs: saturation.latencyMs.all, errors: saturation.errors })}`,
      );
    }

    console.log('[load 4/5] static server: a fiche page, compressed');
    const staticRun = await autocannon({
      url: `${siteUrl}${fichePath(toPublish[0] as Fiche)}`,
      connections: 10,
      duration: Math.min(30, Math.max(10, Math.round(options.durationSeconds / 10))),
      headers: { 'accept-encoding': 'br, gzip' },
    });

    const report = {
      date: new Date().toISOString(),
      corpus:
        options.corpus ??
        (options.database ? { database: options.database } : options.cmsUrl ? { cmsUrl: options.cmsUrl } : 'seed'),
      fiches: fiches.length,
      liveSiteBeforeLoad: liveSite,
      machineLoad: { duringLoad: loadDuringRun, atEnd: os.loadavg().map((value) => Math.round(value * 10) / 10) },
      users: options.users,
      editors,
      translators,
      durationSeconds: options.durationSeconds,
      thinkSeconds,
      cms: options.cmsUrl ?? 'REST API on node:http (loadServer.ts)',
      topology: runners
        ? {
            processes: runners,
            exactlyOneRunner: runners.filter((runner) => runner.runsJobs).length === 1 && runners[1]?.runsJobs === true,
            workerNice,
          }
        : 'given',
      requests: total,
      requestsPerSecond: paced.requestsPerSecond,
      errorKinds,
      latencyMs,
      insideServers,
      saturation,
      publications: {
        drained,
        drainSeconds,
        requested: published_.length,
        accepted: published_.filter((entry) => entry.status === 200).length,
        live: live.filter((entry) => entry.live).length,
        notLive: live.filter((entry) => !entry.live).map((entry) => fichePath(entry.fiche)),
        builds: builds.map((build) => ({
          status: build.status,
          kind: build.kind,
          why: build.kindReason,
          changes: build.requestCount,
          seconds: build.durationSeconds,
          // Why a build failed, without opening the throw-away database.
          ...(build.status === 'failed' ? { phase: build.phase, logTail: build.logTail?.slice(-1500) } : {}),
        })),
      },
      staticServer: {
        path: fichePath(toPublish[0] as Fiche),
        requestsPerSecond: staticRun.requests.average,
        megabytesPerSecond: Math.round((staticRun.throughput.average / 1e6) * 100) / 100,
        latencyMs: { p50: staticRun.latency.p50, p99: staticRun.latency.p99 },
        errors: staticRun.errors + staticRun.non2xx,
      },
    };
    console.log('[load 5/5] results');
    console.log(JSON.stringify(report, null, 2));
    const target =
      report.latencyMs.all.p95 <= 500 &&
      total.errors + total.timeouts + total.non2xx === 0 &&
      report.publications.live === published_.length &&
      (runners === undefined || (report.topology as { exactlyOneRunner: boolean }).exactlyOneRunner);
    console.log(`targets (p95 ≤ 500 ms, 0 errors, every publication live, one job runner): ${target ? '✓' : '✗'}`);
    await mkdir(path.join(options.repoRoot, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(options.repoRoot, 'bench-results', `load-${report.date.replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
  } finally {
    site?.close();
    server?.web.child.kill('SIGTERM');
    server?.worker.child.kill('SIGTERM');
    await sleep(1_000);
    await rm(work, { recursive: true, force: true });
  }
}
