import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createClient } from '@libsql/client';
import { REST_GET } from '@payloadcms/next/routes';
import type { Payload } from 'payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hostname } from 'node:os';

import { interruptedReason } from '../../src/publishing/requestRebuild';
import { publishLockKey, runnerBeatKey, tryAcquire, withRunnerLock } from '../../src/publishing/runnerLock';
import { startedAgainIfUnsettled, type Ended } from '../../src/publishing/unsettledStart';
import { type Health, healthEndpoint } from '../../src/utilities/health';
import type { Build } from '../../src/payload-types';
import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';

/**
 * Several CMS processes on one database (issue « more than one machine »): the runner lock, the
 * job runners, their JSON logs and /api/health.
 *
 * Two job runners started by mistake on one database: two CMS processes (Payload's Local API
 * with the job crons on, as a worker runs them — not two Next servers, which would add two admin
 * builds and nothing to what is tested) on one SQLite file in WAL mode, and this test's own
 * Payload publishing fiches through the real hooks. The build is a stand-in command that writes
 * when it starts and ends, so overlaps show.
 */
const dirname = path.dirname(fileURLToPath(import.meta.url));
const cmsRoot = path.resolve(dirname, '../..');
let context: TestPayload;
let payload: Payload;
let work: string;
let buildLog: string;
let taxonomy: { themeId: string; structureId: string };
const workers: ChildProcess[] = [];
// Two processes on one SQLite file is what this machine can run; CI's MongoDB run skips it.
const onMongo = Boolean(process.env.DATABASE_URI?.startsWith('mongodb'));
const workerOutput = new Map<number, string>();

type LogLine = { event: 'start' | 'end'; build: string; worker: number; at: number; publishedFiches: number };

function readBuildLog(): LogLine[] {
  if (!existsSync(buildLog)) return [];
  return readFileSync(buildLog, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [event, build, worker, at, publishedFiches] = line.split(' ');
      return {
        event: event as LogLine['event'],
        build: build ?? '',
        worker: Number(worker),
        at: Number(at),
        publishedFiches: Number(publishedFiches),
      };
    });
}

/** What the build's export would read: the number of published fiches, from the database file (the pipeline is not given DATABASE_URI). */
const countPublished = () =>
  `const D=require('libsql');const db=new D('${(process.env.DATABASE_URI as string).slice('file:'.length)}',{readonly:true});console.log(db.prepare('select count(*) as n from fiches where _status=\\'published\\'').get().n)`;

/** A worker, started again after Node 20's unsettled start (src/publishing/unsettledStart.ts); any other exit fails the test. */
async function startWorker(): Promise<ChildProcess> {
  const started = await startedAgainIfUnsettled(startWorkerOnce);
  if ('exitMessage' in started) throw new Error(started.exitMessage);
  return started.ready;
}

/** A worker that said it is ready, or one that exited before. */
type WorkerStart = Ended & ({ ready: ChildProcess } | { exitMessage: string });

function startWorkerOnce(): Promise<WorkerStart> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/jobWorker.ts'], {
    cwd: cmsRoot,
    // Its own process group: killing the group kills the build it runs, as a lost machine would.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CMS_ROLE: 'worker',
      PAYLOAD_JOBS_AUTORUN: 'true',
      LOG_FORMAT: 'json',
      PUBLISH_SETTLE_MS: '200',
      // `$PPID` is the runner that started the build; like the export, it reads the published fiches.
      PUBLISH_COMMAND: `echo "start $PUBLISH_BUILD_ID $PPID $(date +%s%3N) $(node -e "${countPublished()}")" >> ${buildLog}; echo PUBLISH_STAGE build; sleep 2; echo "end $PUBLISH_BUILD_ID $PPID $(date +%s%3N)" >> ${buildLog}; echo 'PUBLISH_RESULT {"status":"succeeded","deployId":"test","publishedFiches":1,"pages":{"total":1,"fiches":{"fr":1},"shortLinks":0},"redirects":0}'`,
    },
  });
  workers.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in time:\n${output.slice(-3000)}`)), 180_000);
    let ownOutput = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      ownOutput = true;
      output += chunk.toString();
      workerOutput.set(child.pid ?? 0, output);
      if (output.includes('WORKER_READY')) {
        clearTimeout(timer);
        resolve({ code: null, ownOutput, ready: child });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (output.includes('WORKER_READY')) return;
      workers.splice(workers.indexOf(child), 1);
      resolve({ code, ownOutput, exitMessage: `worker exited (${code}) before it was ready:\n${output.slice(-3000)}` });
    });
  });
}

async function allBuilds(): Promise<Build[]> {
  return (await payload.find({ collection: 'builds', sort: 'createdAt', pagination: false, depth: 0 })).docs;
}

async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await allBuilds(), null, 1).slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const settled = async () => {
  const builds = await allBuilds();
  return builds.length > 0 && builds.every((build) => build.status !== 'queued' && build.status !== 'running') && builds;
};

beforeAll(async () => {
  if (onMongo) return;
  work = mkdtempSync(path.join(tmpdir(), 'passerelle-runners-'));
  buildLog = path.join(work, 'builds.log');
  context = await createTestPayload();
  payload = context.payload;
  // WAL: readers and the writer of several processes no longer block each other.
  const client = createClient({ url: process.env.DATABASE_URI as string });
  await client.execute('PRAGMA journal_mode = WAL');
  client.close();
  taxonomy = await createTaxonomy(payload);
  await Promise.all([startWorker(), startWorker()]);
}, 240_000);

afterAll(async () => {
  for (const worker of workers) {
    try {
      if (worker.pid) process.kill(-worker.pid, 'SIGKILL');
    } catch {
      // Already gone (the test killed it).
    }
  }
  await context?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(onMongo)('the runner lock', () => {
  const key = 'test-lock';
  const clear = () => payload.delete({ collection: 'runner-locks', where: { key: { equals: key } } });

  it('lets exactly one of many simultaneous takers in', async () => {
    await clear();
    const takers = await Promise.all(Array.from({ length: 8 }, (_, index) => tryAcquire(payload, key, `elsewhere:${index}`)));
    expect(takers.filter(Boolean)).toHaveLength(1);
    await clear();
  });

  it('is taken over from a process of this machine that is gone or a lease that ran out, never from a live holder', async () => {
    const hold = (holder: string, expiresAt: Date) =>
      payload.create({ collection: 'runner-locks', data: { key, holder, expiresAt: expiresAt.toISOString() } });
    const inAMinute = new Date(Date.now() + 60_000);
    await hold('other-machine:1234', inAMinute);
    expect(await tryAcquire(payload, key, 'me:1')).toBeUndefined();
    await clear();
    await hold(`${hostname()}:2147483646`, inAMinute);
    expect((await tryAcquire(payload, key, 'me:1'))?.holder).toBe('me:1');
    await clear();
    await hold('other-machine:1234', new Date(Date.now() - 1_000));
    expect((await tryAcquire(payload, key, 'me:1'))?.holder).toBe('me:1');
    await clear();
  });

  it('runs the work of two takers one after the other, and is released after', async () => {
    const spans: [number, number][] = [];
    const work = async () => {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 300));
      spans.push([start, Date.now()]);
    };
    await Promise.all([withRunnerLock(payload, key, work, { pollMs: 50 }), withRunnerLock(payload, key, work, { pollMs: 50 })]);
    spans.sort((a, b) => a[0] - b[0]);
    expect(spans[1]![0]).toBeGreaterThanOrEqual(spans[0]![1]);
    expect((await payload.find({ collection: 'runner-locks', where: { key: { equals: key } } })).totalDocs).toBe(0);
  });
});

describe.skipIf(onMongo)('two job runners on one database', () => {
  it('build one at a time and lose no publication of a burst', async () => {
    const burst = 6;
    for (let index = 0; index < burst; index += 1) {
      await payload.create({
        collection: 'fiches',
        data: { ...frenchDemarche(taxonomy, `Démarche de la rafale ${index + 1}`), _status: 'published' },
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const builds = await waitUntil('the burst to be built', settled);
    expect(builds.map((build) => build.status)).toEqual(builds.map(() => 'succeeded'));
    const lines = readBuildLog();
    // None lost: the last build read every published fiche (what its export would have put online).
    const lastStart = lines.filter((line) => line.event === 'start').at(-1);
    expect(lastStart?.publishedFiches).toBe(burst);
    const starts = lines.filter((line) => line.event === 'start');
    // Each build ran once, whichever runner took it.
    expect(starts.map((line) => line.build).sort()).toEqual(builds.map((build) => build.id).sort());
    // Never two at once: each build ends before the next starts.
    const intervals = starts
      .map((start) => ({
        start: start.at,
        end: lines.find((line) => line.event === 'end' && line.build === start.build)?.at ?? Infinity,
      }))
      .sort((a, b) => a.start - b.start);
    for (let index = 1; index < intervals.length; index += 1) {
      expect(intervals[index]!.start).toBeGreaterThanOrEqual(intervals[index - 1]!.end);
    }
    // The last build started after the last publication, so it read every change.
    const lastPublication = (await payload.find({ collection: 'fiches', sort: '-updatedAt', limit: 1, depth: 0 })).docs[0];
    expect(Date.parse(builds.at(-1)!.startedAt!)).toBeGreaterThan(Date.parse(lastPublication!.updatedAt));
  });

  it('resume a build whose runner was killed mid-way, on the other runner', async () => {
    const before = readBuildLog().length;
    await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Démarche publiée avant la panne'), _status: 'published' },
    });
    const started = await waitUntil('the build to start', async () =>
      readBuildLog()
        .slice(before)
        .find((line) => line.event === 'start'),
    );
    const victim = workers.find((worker) => worker.pid === started.worker);
    expect(victim, 'the build runs in one of the two workers').toBeDefined();
    // The whole machine is lost: the runner and its build, without a chance to clean up.
    process.kill(-started.worker, 'SIGKILL');
    const builds = await waitUntil('the interrupted build to be published again', async () => {
      const all = await settled();
      return all && all.some((build) => build.trigger?.startsWith('Reprise après interruption')) && all;
    });
    const interrupted = builds.find((build) => build.id === started.build);
    expect(interrupted?.status).toBe('failed');
    expect(interrupted?.reason).toBe(interruptedReason);
    const resumed = builds.find((build) => build.trigger?.startsWith('Reprise après interruption'));
    expect(resumed?.status).toBe('succeeded');
    // Built by the runner still alive.
    const resumedStart = readBuildLog().find((line) => line.event === 'start' && line.build === resumed?.id);
    expect(resumedStart?.worker).not.toBe(started.worker);
    expect(workers.some((worker) => worker.pid === resumedStart?.worker)).toBe(true);
    // And it put the fiche published before the failure online.
    expect(resumedStart?.publishedFiches).toBe(7);
    // The dead runner's lock did not outlive the takeover.
    await waitUntil(
      'the publish lock to be released',
      async () =>
        (await payload.count({ collection: 'runner-locks', where: { key: { equals: publishLockKey } } })).totalDocs === 0,
    );
  });
});

describe.skipIf(onMongo)('what the runners tell', () => {
  it('log every publication line as JSON with its build id', async () => {
    const lines = [...workerOutput.values()]
      .flatMap((output) => output.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; buildId?: string; level?: number; time?: string; name?: string });
    const publication = lines.filter((line) => line.msg?.startsWith('publish: build '));
    // Started and succeeded for each build of the burst, and the interrupted one.
    expect(publication.length).toBeGreaterThanOrEqual(4);
    for (const line of publication) {
      expect(line.buildId).toBe(/^publish: build (\S+)/.exec(line.msg ?? '')?.[1]);
      expect(line.name).toBe('passerelle-cms:worker');
      expect(Number.isNaN(Date.parse(line.time ?? ''))).toBe(false);
    }
  });

  it('answer /api/health with the database and the runner’s last sign of life, and nothing secret', async () => {
    const get = REST_GET(context.config);
    const health = async (query = '') => {
      const request = new Request(`http://localhost/api/health${query}`);
      const response = await get(request, { params: Promise.resolve({ slug: ['health'] }) });
      return { status: response.status, text: await response.text(), cache: response.headers.get('cache-control') };
    };
    const alive = await health('?runner=required');
    expect(alive.status).toBe(200);
    expect(alive.cache).toBe('no-store');
    const body = JSON.parse(alive.text) as Health;
    expect(body).toMatchObject({
      status: 'ok',
      database: { reachable: true },
      jobs: { runnerAlive: true },
      publishing: { lastBuildStatus: 'succeeded' },
    });
    expect(body.jobs.runnerSecondsAgo).toBeLessThan(60);
    for (const secret of [hostname(), process.env.DATABASE_URI as string, context.payload.secret])
      expect(alive.text).not.toContain(secret);

    // The runner silent for two minutes: still in the pool (200, degraded), 503 for whoever requires it.
    await payload.update({
      collection: 'runner-locks',
      where: { key: { equals: runnerBeatKey } },
      data: { expiresAt: new Date(Date.now() - 120_000).toISOString() },
    });
    for (const worker of workers) {
      try {
        if (worker.pid) process.kill(-worker.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const silent = await health();
    expect(silent.status).toBe(200);
    expect(JSON.parse(silent.text)).toMatchObject({ status: 'degraded', jobs: { runnerAlive: false } });
    expect((await health('?runner=required')).status).toBe(503);
  });

  it('answer 503 when the database does not', async () => {
    const broken = Object.create(payload, {
      find: { value: () => Promise.reject(new Error('SQLITE_CANTOPEN')) },
      logger: { value: { error: () => undefined } },
    }) as Payload;
    const response = await (healthEndpoint.handler as (req: unknown) => Promise<Response>)({
      payload: broken,
      url: 'http://localhost/api/health',
    });
    expect(response.status).toBe(503);
    const body = JSON.parse(await response.text()) as Health;
    expect(body).toMatchObject({ status: 'down', database: { reachable: false } });
    expect(JSON.stringify(body)).not.toContain('SQLITE_CANTOPEN');
  });
});
