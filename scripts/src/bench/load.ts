/**
 * `npm run bench -- --load`: editors and translators working while publications go through.
 *
 * N concurrent users (60 % editors, 40 % translators, logged in through REST with the seed's
 * development logins) read lists and documents, editors save drafts, for `--duration` seconds,
 * with autocannon (HTTP/1.1 keep-alive, one connection per user, each sending its next request
 * when the previous one is answered); meanwhile `--publish-rate` publications a minute through
 * REST, each on its own fiche with a marker in its summary. Then it waits for the queue to drain
 * and checks every marker on the live site. Finally the static server's throughput for a fiche
 * page, compressed. Everything binds to 127.0.0.1.
 *
 * Without `--cms-url`, it starts the CMS's REST API itself (`loadServer.ts`: Payload's REST
 * handlers on node:http, job runner on, real publish pipeline, throw-away database: the seed, or
 * a copy of `--database FILE`, e.g. the bench's kept 1,000-fiche corpus).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import autocannon from 'autocannon';

import { createStaticServer } from '../staticServer';
import { waitForUrl } from '../processes';

export type LoadOptions = {
  users: number;
  durationSeconds: number;
  publishesPerMinute: number;
  cmsUrl?: string;
  siteUrl?: string;
  database?: string;
  repoRoot: string;
};

type Kind = 'list' | 'document' | 'draft';
type Fiche = { id: string; slug: string; type: string; _status?: string };
export type Percentiles = { count: number; p50: number; p95: number; p99: number; max: number };

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

const password = 'passerelle-dev';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function startServer(options: LoadOptions, work: string): Promise<{ child: ChildProcess; cmsUrl: string; siteRoot: string }> {
  const port = 3400 + Math.floor(Math.random() * 90);
  const database = path.join(work, 'passerelle.db');
  if (options.database) await cp(options.database, database);
  const cmsUrl = `http://127.0.0.1:${port}`;
  const deploysDir = path.join(work, 'deploys');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(options.repoRoot, 'scripts/src/bench/loadServer.ts'), String(port)], {
    cwd: path.join(options.repoRoot, 'cms'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URI: `file:${database}`,
      MEDIA_DIR: path.join(work, 'media'),
      PAYLOAD_SECRET: randomBytes(24).toString('hex'),
      PAYLOAD_JOBS_AUTORUN: 'true',
      CMS_ROLE: 'all',
      DEPLOYS_DIR: deploysDir,
      PUBLISH_CMS_URL: cmsUrl,
      SITE_URL: 'http://127.0.0.1:4400',
      TOTP_REQUIRED: 'false',
      LOG_FORMAT: 'json',
      NODE_ENV: 'development',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code) => {
    if (code) console.error(`load: the CMS stopped (exit code ${code}):\n${tail}`);
  });
  await waitForUrl(`${cmsUrl}/api/health`, { timeoutMs: 15 * 60_000 });
  return { child, cmsUrl, siteRoot: path.join(deploysDir, 'current') };
}

export async function runLoad(options: LoadOptions): Promise<void> {
  const work = path.join(options.repoRoot, '.bench-work', `load-${process.pid}`);
  await mkdir(work, { recursive: true });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let site: ReturnType<typeof createStaticServer> | undefined;
  try {
    console.log(`[load 1/5] CMS: ${options.cmsUrl ?? 'starting its REST API on a throw-away database (seed, or --database)'}`);
    if (!options.cmsUrl) server = await startServer(options, work);
    const cmsUrl = options.cmsUrl ?? (server as { cmsUrl: string }).cmsUrl;
    const editorToken = await login(cmsUrl, 'editor@passerelle.test');
    const translatorToken = await login(cmsUrl, 'translator-ar@passerelle.test');
    const { docs: fiches } = await getJson<{ docs: Fiche[] }>(`${cmsUrl}/api/fiches?limit=1000&depth=0&select[slug]=true&select[type]=true&select[_status]=true`, editorToken);
    const published = fiches.filter((fiche) => fiche._status === 'published');
    const publications = Math.max(1, Math.round((options.durationSeconds / 60) * options.publishesPerMinute));
    // Each publication on its own fiche (its marker must be the one online); drafts on the others.
    const toPublish = published.slice(0, publications);
    const forDrafts = fiches.filter((fiche) => !toPublish.includes(fiche));
    if (toPublish.length < publications || forDrafts.length === 0) throw new Error(`not enough fiches (${fiches.length}) for ${publications} publications`);

    const latencies: Record<Kind, number[]> = { list: [], document: [], draft: [] };
    const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;
    const editors = Math.max(1, Math.round(options.users * 0.6));
    const translators = Math.max(0, options.users - editors);
    const counters = new WeakMap<object, number>();
    const instance = (connections: number, token: string, role: 'editor' | 'translator') =>
      autocannon({
        url: cmsUrl,
        connections,
        duration: options.durationSeconds,
        timeout: 30,
        headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/api/fiches?limit=20&depth=0&draft=true&sort=-updatedAt&locale=${role === 'editor' ? 'fr' : 'ar'}`,
            }),
          },
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: `/api/fiches/${pick(forDrafts).id}?draft=true&depth=1&locale=${role === 'editor' ? 'fr' : 'ar'}` }),
          },
          role === 'editor'
            ? {
                method: 'PATCH',
                setupRequest: (request) => ({
                  ...request,
                  path: `/api/fiches/${pick(forDrafts).id}?draft=true&depth=0`,
                  body: JSON.stringify({ summary: `Résumé en cours de relecture, version ${Date.now()} : les démarches restent les mêmes.` }),
                }),
              }
            : { method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/fiches/${pick(forDrafts).id}?draft=true&depth=1&locale=ar` }) },
        ],
      });
    console.log(`[load 2/5] ${options.users} users (${editors} editors, ${translators} translators) for ${options.durationSeconds} s, ${publications} publications`);
    const runs = [instance(editors, editorToken, 'editor'), ...(translators ? [instance(translators, translatorToken, 'translator')] : [])];
    for (const [index, run] of runs.entries()) {
      const order: Kind[] = index === 0 ? ['list', 'document', 'draft'] : ['list', 'document', 'document'];
      // Each connection goes through its requests in order: the n-th answer is of kind n mod 3.
      run.on('response', (client: object, _status: number, _bytes: number, time: number) => {
        const position = counters.get(client) ?? 0;
        latencies[order[position % 3] as Kind].push(time);
        counters.set(client, position + 1);
      });
    }

    const published_: { fiche: Fiche; marker: string; at: number; status: number }[] = [];
    const publisher = (async () => {
      const every = 60_000 / options.publishesPerMinute;
      for (const fiche of toPublish) {
        await sleep(every / 2);
        const marker = `Mise à jour publiée ${randomBytes(4).toString('hex')}`;
        const response = await fetch(`${cmsUrl}/api/fiches/${fiche.id}?depth=0`, {
          method: 'PATCH',
          headers: { authorization: `JWT ${editorToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ summary: `${marker} : les informations de cette fiche ont été vérifiées.`, _status: 'published' }),
        });
        published_.push({ fiche, marker, at: Date.now(), status: response.status });
        await sleep(every / 2);
      }
    })();
    const results = await Promise.all(runs);
    await publisher;

    console.log('[load 3/5] waiting for the publications to go live');
    const drainedBy = Date.now() + 30 * 60_000;
    for (;;) {
      const { totalDocs } = await getJson<{ totalDocs: number }>(`${cmsUrl}/api/builds?limit=1&where[status][in]=queued,running`, editorToken);
      if (totalDocs === 0) break;
      if (Date.now() > drainedBy) throw new Error('the publish queue did not drain in 30 minutes');
      await sleep(3_000);
    }
    const { docs: builds } = await getJson<{ docs: { status: string; requestCount?: number; durationSeconds?: number }[] }>(
      `${cmsUrl}/api/builds?limit=100&sort=-createdAt&depth=0`,
      editorToken,
    );
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

    console.log('[load 4/5] static server: a fiche page, compressed');
    const staticRun = await autocannon({
      url: `${siteUrl}${fichePath(toPublish[0] as Fiche)}`,
      connections: 10,
      duration: Math.min(30, Math.max(10, Math.round(options.durationSeconds / 10))),
      headers: { 'accept-encoding': 'br, gzip' },
    });

    const total = results.reduce(
      (sum, result) => ({
        requests: sum.requests + result.requests.total,
        errors: sum.errors + result.errors,
        timeouts: sum.timeouts + result.timeouts,
        non2xx: sum.non2xx + result.non2xx,
      }),
      { requests: 0, errors: 0, timeouts: 0, non2xx: 0 },
    );
    const report = {
      date: new Date().toISOString(),
      users: options.users,
      editors,
      translators,
      durationSeconds: options.durationSeconds,
      cms: options.cmsUrl ?? 'REST API on node:http (loadServer.ts)',
      requests: total,
      latencyMs: {
        all: percentiles([...latencies.list, ...latencies.document, ...latencies.draft]),
        list: percentiles(latencies.list),
        document: percentiles(latencies.document),
        draft: percentiles(latencies.draft),
      },
      publications: {
        requested: published_.length,
        accepted: published_.filter((entry) => entry.status === 200).length,
        live: live.filter((entry) => entry.live).length,
        notLive: live.filter((entry) => !entry.live).map((entry) => fichePath(entry.fiche)),
        builds: builds.map((build) => ({ status: build.status, changes: build.requestCount, seconds: build.durationSeconds })),
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
    const target = report.latencyMs.all.p95 <= 500 && total.errors + total.timeouts + total.non2xx === 0 && report.publications.live === published_.length;
    console.log(`targets (p95 ≤ 500 ms, 0 errors, every publication live): ${target ? '✓' : '✗'}`);
    await mkdir(path.join(options.repoRoot, 'bench-results'), { recursive: true });
    await writeFile(path.join(options.repoRoot, 'bench-results', `load-${report.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    site?.close();
    server?.child.kill('SIGTERM');
    await sleep(1_000);
    await rm(work, { recursive: true, force: true });
  }
}
