/**
 * The publish trigger and the `rebuildSite` job on a real Payload: which changes request a
 * build, how requests coalesce, how a build is recorded (with a stand-in pipeline command:
 * the real pipeline is exercised end to end in scripts/test/publish.e2e.test.ts), GitHub
 * dispatch against a local receiver, a restart with a job in the queue, former addresses.
 */
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

import { REST_GET, REST_POST } from '@payloadcms/next/routes';
import { getPayload, type Payload } from 'payload';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { describeBuilds } from '../../src/publishing/components/BuildStatusText';
import type { Build } from '../../src/payload-types';
import { dispatchEventType } from '../../src/publishing/dispatchToGitHub';
import { publishTokenHeader } from '../../src/publishing/publishToken';
import { publishQueue, requestRebuild } from '../../src/publishing/requestRebuild';
import { pipelineEnv } from '../../src/publishing/runPipeline';
import { arabicDemarche, createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const quiet = { skipRebuild: true };
const password = 'correct horse battery';

let testPayload: TestPayload;
let payload: Payload;
let taxonomy: { themeId: string; structureId: string };
let editor: { id: string; name: string; email: string };
const savedEnv = { ...process.env };

type Call = (
  method: 'GET' | 'POST',
  path: string,
  options?: { body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: any }>;
let call: Call;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  taxonomy = await createTaxonomy(payload);
  const user = await payload.create({
    collection: 'users',
    data: { email: 'editor-publish@example.test', name: 'Étienne', password, roles: ['editor'], languages: [] },
  });
  editor = { id: user.id, name: user.name, email: user.email };
  const handlers = { GET: REST_GET(testPayload.config), POST: REST_POST(testPayload.config) };
  call = async (method, path, { body, headers = {} } = {}) => {
    const url = new URL(`http://localhost/api${path}`);
    const request = new Request(url, {
      method,
      headers: new Headers({ 'content-type': 'application/json', ...headers }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await handlers[method](request, {
      params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
});

afterAll(async () => {
  await testPayload?.cleanup();
});

beforeEach(async () => {
  await payload.delete({ collection: 'builds', where: { id: { exists: true } } });
  await payload.delete({ collection: 'payload-jobs', where: { id: { exists: true } } });
});

afterEach(() => {
  for (const key of [
    'PUBLISH_COMMAND',
    'PUBLISH_MODE',
    'PUBLISH_TOKEN',
    'GITHUB_API_URL',
    'GITHUB_REPOSITORY',
    'GITHUB_TOKEN',
    'PUBLISH_SETTLE_MS',
    'DEPLOYS_DIR',
  ]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

async function builds(): Promise<Build[]> {
  return (await payload.find({ collection: 'builds', sort: 'createdAt', pagination: false, depth: 0 })).docs;
}

async function publishJobs() {
  return (
    await payload.find({ collection: 'payload-jobs', where: { queue: { equals: publishQueue } }, pagination: false, depth: 0 })
  ).docs;
}

async function publishedFiche(title: string) {
  return payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, title), _status: 'published' },
    context: quiet,
  });
}

/** A stand-in for scripts/src/publish.ts: prints what the pipeline prints. */
function fakePipeline(result: Record<string, unknown>, { delaySeconds = 0 } = {}): string {
  const json = JSON.stringify(result).replace(/'/g, "'\\''");
  return `echo PUBLISH_STAGE export; echo building; sleep ${delaySeconds}; echo PUBLISH_STAGE build; echo 'PUBLISH_RESULT ${json}'`;
}

const successResult = {
  status: 'succeeded',
  kind: 'incremental',
  why: '1 fiche(s) modifiée(s)',
  deployId: '20260101-000000-000-abcd',
  publishedFiches: 2,
  pages: { total: 40, fiches: { fr: 2, en: 2, ar: 2, ps: 2, fa: 2, ti: 2, ru: 2, uk: 2 }, shortLinks: 2 },
  redirects: 3,
};

describe('changes that alter the public site request a build', () => {
  it('publishing a fiche opens a queued build, named after the fiche and the editor, with a job in the publish queue', async () => {
    await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Ouvrir un compte'), _status: 'published' },
      user: { ...editor, collection: 'users', roles: ['editor'] } as never,
    });
    const [build] = await builds();
    expect(build).toMatchObject({
      status: 'queued',
      trigger: 'Fiche « Ouvrir un compte » publiée',
      requestCount: 1,
      requestedByName: 'Étienne',
    });
    const jobs = await publishJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ taskSlug: 'rebuildSite', input: { buildId: build?.id } });
    expect(build?.job).toBe(String(jobs[0]?.id));
  });

  it('a draft save of a published fiche (autosave) does not; unpublishing does', async () => {
    const fiche = await publishedFiche('Fiche en ligne');
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { title: 'Brouillon en cours' },
      draft: true,
      autosave: true,
    });
    await payload.update({ collection: 'fiches', id: fiche.id, data: { title: 'Brouillon enregistré' }, draft: true });
    expect(await builds()).toEqual([]);
    await payload.update({ collection: 'fiches', id: fiche.id, data: { _status: 'draft' } });
    expect((await builds()).map((build) => build.trigger)).toEqual(['Fiche « Brouillon enregistré » dépubliée']);
  });

  it('a fiche that was never published changes nothing public', async () => {
    const draft = await payload.create({
      collection: 'fiches',
      data: { type: 'demarche', title: 'Jamais publiée' },
      draft: true,
    });
    await payload.update({ collection: 'fiches', id: draft.id, data: { title: 'Toujours pas' }, draft: true });
    await payload.delete({ collection: 'fiches', id: draft.id });
    expect(await builds()).toEqual([]);
  });

  it('editing a published fiche, deleting it, and changing themes, needs or structures do', async () => {
    const fiche = await publishedFiche('Fiche à modifier');
    await payload.update({ collection: 'fiches', id: fiche.id, data: { summary: 'Nouveau résumé de la fiche.' } });
    await payload.update({ collection: 'themes', id: taxonomy.themeId, data: { name: 'Santé' } });
    await payload.update({ collection: 'structures', id: taxonomy.structureId, data: { acronym: 'AM' } });
    const need = await payload.create({
      collection: 'needs',
      data: { slug: 'soins', name: 'Me soigner', theme: taxonomy.themeId },
    });
    await payload.delete({ collection: 'fiches', id: fiche.id });
    const [build] = await builds();
    expect(build?.requests?.map((request) => request.trigger)).toEqual([
      'Fiche « Fiche à modifier » publiée',
      'Thème « Santé » modifié',
      'Structure « Assurance Maladie » modifiée',
      'Besoin « Me soigner » créé',
      'Fiche « Fiche à modifier » supprimée',
    ]);
    await payload.delete({ collection: 'needs', id: need.id, context: quiet });
  });

  it('an expert validating a translation does (it publishes that language); a proposal does not', async () => {
    const fiche = await publishedFiche('Fiche à traduire');
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: fiche.id } }, { language: { equals: 'ar' } }] },
      depth: 0,
    });
    const translationId = docs[0]!.id;
    await payload.update({
      collection: 'translations',
      id: translationId,
      data: { ...arabicDemarche(), status: 'toReview' } as never,
    });
    expect(await builds()).toEqual([]);
    await payload.update({ collection: 'translations', id: translationId, data: { status: 'validated' } as never });
    const [build, ...others] = await builds();
    expect(others).toEqual([]);
    expect(build?.trigger).toBe(`Fiche « ${arabicDemarche().title} » publiée`);
  });

  it('seeds and bulk imports skip it with req.context.skipRebuild', async () => {
    const fiche = await publishedFiche('Import en masse');
    await payload.update({ collection: 'fiches', id: fiche.id, data: { summary: 'Importé.' }, context: quiet });
    await payload.update({ collection: 'themes', id: taxonomy.themeId, data: { name: 'Se soigner' }, context: quiet });
    expect(await builds()).toEqual([]);
  });
});

describe('bursts coalesce', () => {
  it('ten publications in a row make one waiting build and one job', async () => {
    const fiche = await publishedFiche('Rafale');
    for (let index = 1; index <= 10; index += 1) {
      await payload.update({ collection: 'fiches', id: fiche.id, data: { title: `Rafale ${index}`, _status: 'published' } });
    }
    const all = await builds();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'queued', requestCount: 10 });
    expect(await publishJobs()).toHaveLength(1);
  });

  it('while one build runs, further changes wait together in one other build', async () => {
    const first = await requestRebuild(payload, { trigger: 'première', byName: 'test' });
    await payload.update({
      collection: 'builds',
      id: first.buildId,
      data: { status: 'running', runner: 'elsewhere:1', heartbeatAt: new Date().toISOString() },
    });
    const tickets = await Promise.all(
      ['a', 'b', 'c', 'd'].map((trigger) => requestRebuild(payload, { trigger, byName: 'test' })),
    );
    expect(new Set(tickets.map((ticket) => ticket.buildId)).size).toBe(1);
    expect(tickets.filter((ticket) => !ticket.coalesced)).toHaveLength(1);
    expect((await builds()).map((build) => build.status)).toEqual(['running', 'queued']);
  });
});

describe('a change arriving as its build starts', () => {
  it('never puts a started build back to « queued »: it opens another build instead', async () => {
    const waiting = await requestRebuild(payload, { trigger: 'première', byName: 'test' });
    // The runner starts the build between the request finding it queued and joining it.
    const find = payload.find.bind(payload);
    let started = false;
    payload.find = (async (options: Parameters<typeof find>[0]) => {
      const found = await find(options);
      // The request's own look for a waiting build (not its look for builds of dead runners).
      if (
        !started &&
        options.collection === 'builds' &&
        JSON.stringify(options.where).includes('{"status":{"equals":"queued"}}')
      ) {
        started = true;
        await payload.db.updateOne({ collection: 'builds', id: waiting.buildId, data: { status: 'running' }, returning: false });
      }
      return found;
    }) as typeof payload.find;
    try {
      const late = await requestRebuild(payload, { trigger: 'seconde', byName: 'test' });
      expect(late).toMatchObject({ coalesced: false });
      expect(late.buildId).not.toBe(waiting.buildId);
    } finally {
      payload.find = find;
    }
    const all = await builds();
    expect(all.map((build) => [build.id, build.status])).toEqual([
      [waiting.buildId, 'running'],
      [expect.any(String), 'queued'],
    ]);
    expect(all[0]).toMatchObject({ requestCount: 1 });
  });

  it('joins a waiting build with its trigger listed', async () => {
    const first = await requestRebuild(payload, { trigger: 'un', byName: 'Awa' });
    const second = await requestRebuild(payload, { trigger: 'deux', byName: 'Lina' });
    expect(second).toEqual({ buildId: first.buildId, coalesced: true });
    const [build] = await builds();
    expect(build).toMatchObject({ status: 'queued', requestCount: 2 });
    expect(build?.requests?.map(({ trigger, by }) => [trigger, by])).toEqual([
      ['un', 'Awa'],
      ['deux', 'Lina'],
    ]);
  });
});

describe('the rebuildSite job', () => {
  it('records a successful build: status, duration, deploy, pages, log', async () => {
    process.env.PUBLISH_COMMAND = fakePipeline(successResult);
    process.env.PUBLISH_SETTLE_MS = '0';
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    await payload.jobs.run({ queue: publishQueue });
    const [build] = await builds();
    expect(build).toMatchObject({
      status: 'succeeded',
      deployId: successResult.deployId,
      kind: 'incremental',
      kindReason: '1 fiche(s) modifiée(s)',
      pages: { total: 40, publishedFiches: 2, fichePages: 16, languages: 8, redirects: 3 },
      reason: null,
    });
    expect(build?.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(build?.logTail).toContain('building');
    expect(build?.startedAt && build.finishedAt && build.startedAt <= build.finishedAt).toBe(true);
    // Payload deletes a job once it completed.
    expect(await publishJobs()).toEqual([]);
  });

  it('records a failed or refused build with its reason in French', async () => {
    process.env.PUBLISH_SETTLE_MS = '0';
    process.env.PUBLISH_COMMAND = fakePipeline({
      status: 'refused',
      reason: 'Publication refusée par sécurité : le site passerait de 30 à 2 fiches.',
    });
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    await payload.jobs.run({ queue: publishQueue });
    expect((await builds())[0]).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('passerait de 30 à 2 fiches'),
    });
  });

  it('marks a build failed when the build process dies without a word (killed)', async () => {
    process.env.PUBLISH_SETTLE_MS = '0';
    process.env.PUBLISH_COMMAND = `echo PUBLISH_STAGE build; printf '\\033[32mastro build…\\033[39m\\n'; kill -9 $$`;
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    await payload.jobs.run({ queue: publishQueue });
    const [build] = await builds();
    expect(build?.status).toBe('failed');
    expect(build?.reason).toBe('Le processus de construction s’est arrêté sans rendre compte (signal SIGKILL).');
    expect(build?.logTail).toBe('astro build…');
  });

  it('starts the build again when Node 20 ends its start with code 13 before its first stage, and only then', async () => {
    process.env.PUBLISH_SETTLE_MS = '0';
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'passerelle-unsettled-')), 'started');
    // The first start ends as Node 20's « unsettled top-level await » does; the second one builds.
    process.env.PUBLISH_COMMAND = `if [ ! -e ${marker} ]; then touch ${marker}; exit 13; fi; ${fakePipeline(successResult)}`;
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    await payload.jobs.run({ queue: publishQueue });
    expect((await builds())[0]).toMatchObject({ status: 'succeeded', deployId: successResult.deployId });

    // Code 13 once a stage began is a failure like any other: nothing is run twice.
    process.env.PUBLISH_COMMAND = 'echo PUBLISH_STAGE export; exit 13';
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    await payload.jobs.run({ queue: publishQueue });
    const latest = (await builds()).at(-1);
    expect(latest?.status).toBe('failed');
    expect(latest?.reason).toBe('Le processus de construction s’est arrêté sans rendre compte (code de sortie 13).');
  });

  it('never hands the CMS’s secrets to the build', () => {
    const env = pipelineEnv('b1', {
      NODE_ENV: 'production',
      PATH: '/usr/bin',
      PAYLOAD_SECRET: 's',
      DATABASE_URI: 'file:x',
      PUBLISH_TOKEN: 't',
      GITHUB_TOKEN: 'g',
      __NEXT_PRIVATE_ORIGIN: 'x',
      PAYLOAD_PUBLIC_SERVER_URL: 'https://cms.example.org',
    });
    expect(env).toEqual({
      NODE_ENV: 'production',
      PATH: '/usr/bin',
      PAYLOAD_PUBLIC_SERVER_URL: 'https://cms.example.org',
      CMS_URL: 'https://cms.example.org',
      PUBLISH_BUILD_ID: 'b1',
      FORCE_COLOR: '0',
    });
  });

  it('takes over the changes of other waiting builds when it starts', async () => {
    process.env.PUBLISH_SETTLE_MS = '0';
    process.env.PUBLISH_COMMAND = fakePipeline(successResult);
    const first = await requestRebuild(payload, { trigger: 'un', byName: 'test' });
    // A second waiting build, as two CMS processes queuing at the same instant would leave.
    const second = await payload.create({
      collection: 'builds',
      data: { status: 'queued', trigger: 'deux', requestCount: 2, requests: [{ trigger: 'deux' }, { trigger: 'trois' }] },
    });
    await payload.jobs.run({ queue: publishQueue, limit: 1 });
    const all = await builds();
    expect(all.map((build) => build.id)).toEqual([first.buildId]);
    expect(all[0]).toMatchObject({ status: 'succeeded', requestCount: 3 });
    expect(all[0]?.requests?.map((request) => request.trigger)).toEqual(['un', 'deux', 'trois']);
    expect(second.id).not.toBe(first.buildId);
  });
});

describe('GitHub deploy hook mode', () => {
  it('sends repository_dispatch with the build in client_payload, then takes the workflow report', async () => {
    const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      Object.assign(process.env, {
        PUBLISH_MODE: 'github',
        PUBLISH_SETTLE_MS: '0',
        GITHUB_API_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
        GITHUB_REPOSITORY: 'passerelle-org/passerelle',
        GITHUB_TOKEN: 'ghp_test',
        PUBLISH_TOKEN: 'publish-secret',
        PAYLOAD_PUBLIC_SERVER_URL: 'https://cms.example.org',
        SITE_URL: 'https://passerelle.example.org',
      });
      const ticket = await requestRebuild(payload, { trigger: 'Fiche « Carte Vitale » publiée', user: editor });
      await payload.jobs.run({ queue: publishQueue });

      expect(received).toHaveLength(1);
      const [dispatch] = received;
      expect(dispatch).toMatchObject({ method: 'POST', url: '/repos/passerelle-org/passerelle/dispatches' });
      expect(dispatch?.headers).toMatchObject({
        authorization: 'Bearer ghp_test',
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      });
      expect(JSON.parse(dispatch?.body ?? '')).toEqual({
        event_type: dispatchEventType,
        client_payload: {
          build_id: ticket.buildId,
          trigger: 'Fiche « Carte Vitale » publiée',
          requested_by: 'Étienne',
          request_count: 1,
          cms_url: 'https://cms.example.org',
          site_url: 'https://passerelle.example.org',
        },
      });
      expect((await builds())[0]).toMatchObject({ status: 'running', mode: 'github', runner: 'github' });

      const refused = await call('POST', `/builds/${ticket.buildId}/report`, {
        body: { status: 'succeeded' },
        headers: { [publishTokenHeader]: 'wrong' },
      });
      expect(refused.status).toBe(403);
      const report = await call('POST', `/builds/${ticket.buildId}/report`, {
        body: { status: 'failed', reason: 'Le déploiement Cloudflare a échoué.', logTail: '…' },
        headers: { [publishTokenHeader]: 'publish-secret' },
      });
      expect(report.status).toBe(200);
      expect((await builds())[0]).toMatchObject({ status: 'failed', reason: 'Le déploiement Cloudflare a échoué.' });
    } finally {
      receiver.close();
      process.env.PAYLOAD_PUBLIC_SERVER_URL = savedEnv.PAYLOAD_PUBLIC_SERVER_URL ?? '';
      if (savedEnv.SITE_URL === undefined) delete process.env.SITE_URL;
    }
  });

  it('records GitHub refusing the dispatch as a failure', async () => {
    Object.assign(process.env, {
      PUBLISH_MODE: 'github',
      PUBLISH_SETTLE_MS: '0',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      GITHUB_REPOSITORY: 'a/b',
      GITHUB_TOKEN: 't',
    });
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    await payload.jobs.run({ queue: publishQueue });
    expect((await builds())[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('GitHub est injoignable') });
  });
});

describe('who may see and request builds', () => {
  it('editors read builds but cannot write them; anonymous visitors see nothing', async () => {
    await requestRebuild(payload, { trigger: 'test', byName: 'test' });
    const login = await call('POST', '/users/login', { body: { email: editor.email, password } });
    const auth = { authorization: `JWT ${login.body.token}` };
    expect((await call('GET', '/builds', { headers: auth })).body.docs).toHaveLength(1);
    expect((await call('GET', '/builds')).status).toBe(403);
    expect((await call('POST', '/builds', { headers: auth, body: { status: 'succeeded' } })).status).toBe(403);
  });

  it('editors and scripts with the token request a build; others are refused', async () => {
    process.env.PUBLISH_TOKEN = 'publish-secret';
    const login = await call('POST', '/users/login', { body: { email: editor.email, password } });
    const byEditor = await call('POST', '/builds/request', {
      headers: { authorization: `JWT ${login.body.token}` },
      body: { trigger: 'Republier' },
    });
    expect(byEditor.status).toBe(202);
    const byScript = await call('POST', '/builds/request', { headers: { [publishTokenHeader]: 'publish-secret' } });
    expect(byScript).toMatchObject({ status: 202, body: { id: byEditor.body.id, coalesced: true } });
    expect((await call('POST', '/builds/request')).status).toBe(403);
    expect((await builds())[0]).toMatchObject({ trigger: 'Republier', requestedByName: 'Étienne', requestCount: 2 });
  });
});

describe('« Remettre cette version en ligne » (rollback from a publication)', () => {
  const deployIds = ['20261201-100000-000-aaaa', '20261201-110000-000-bbbb'];
  let deploysDir: string;

  /** Two complete deploys, the second live, as scripts/src/deploys.ts lays them out. */
  beforeEach(async () => {
    deploysDir = mkdtempSync(path.join(tmpdir(), 'passerelle-rollback-'));
    process.env.DEPLOYS_DIR = deploysDir;
    for (const id of deployIds) {
      await mkdir(path.join(deploysDir, id));
      await writeFile(path.join(deploysDir, id, 'index.html'), id);
      const pages = { total: 1, fiches: {}, shortLinks: 0 };
      await writeFile(
        path.join(deploysDir, `${id}.json`),
        JSON.stringify({ id, createdAt: '', cmsUrl: '', siteUrl: '', publishedFiches: 1, pages, redirects: 0 }),
      );
    }
    await symlink(deployIds[1] ?? '', path.join(deploysDir, 'current'));
  });
  afterEach(() => rmSync(deploysDir, { recursive: true, force: true }));

  async function succeededBuild(deployId: string): Promise<Build> {
    return payload.create({
      collection: 'builds',
      data: {
        status: 'succeeded',
        trigger: 'Publication de « Carte Vitale »',
        deployId,
        finishedAt: '2026-12-01T10:00:00.000Z',
        kind: 'full',
      },
    });
  }
  const loginAs = async (email: string) => ({
    authorization: `JWT ${(await call('POST', '/users/login', { body: { email, password } })).body.token}`,
  });

  it('an editor puts a previous version back online, recorded like a publication', async () => {
    const previous = await succeededBuild(deployIds[0] ?? '');
    const response = await call('POST', `/builds/${previous.id}/rollback`, { headers: await loginAs(editor.email) });
    expect(response).toMatchObject({ status: 200, body: { status: 'succeeded', deployId: deployIds[0] } });
    expect(readlinkSync(path.join(deploysDir, 'current'))).toBe(deployIds[0]);
    const record = (await builds()).find((build) => build.id === response.body.id);
    expect(record).toMatchObject({
      status: 'succeeded',
      kind: 'rollback',
      deployId: deployIds[0],
      trigger: `Remise en ligne de la version ${deployIds[0]}`,
      requestedByName: 'Étienne',
      reason: null,
    });
    expect(record?.kindReason).toContain('Publication de « Carte Vitale »');
    expect(record?.logTail).toContain('the live site is now');
  });

  it('is refused to translators and anonymous visitors, and for a publication that did not go online', async () => {
    const previous = await succeededBuild(deployIds[0] ?? '');
    await payload.create({
      collection: 'users',
      data: { email: 'translator-rollback@example.test', name: 'Tarek', password, roles: ['translator'], languages: ['ar'] },
    });
    expect(
      (await call('POST', `/builds/${previous.id}/rollback`, { headers: await loginAs('translator-rollback@example.test') }))
        .status,
    ).toBe(403);
    expect((await call('POST', `/builds/${previous.id}/rollback`)).status).toBe(401);
    const failed = await payload.create({ collection: 'builds', data: { status: 'failed', trigger: 'x', reason: 'boom' } });
    const refused = await call('POST', `/builds/${failed.id}/rollback`, { headers: await loginAs(editor.email) });
    expect(refused).toMatchObject({ status: 400, body: { error: expect.stringMatching(/publication réussie/) } });
    expect(readlinkSync(path.join(deploysDir, 'current'))).toBe(deployIds[1]);
    expect((await builds()).filter((build) => build.kind === 'rollback')).toEqual([]);
  });

  it('says in French when the version is no longer kept, and records the failure', async () => {
    const pruned = await succeededBuild('20261101-000000-000-cccc');
    const response = await call('POST', `/builds/${pruned.id}/rollback`, { headers: await loginAs(editor.email) });
    expect(response).toMatchObject({ status: 500, body: { error: expect.stringMatching(/n’est plus conservée/) } });
    expect(readlinkSync(path.join(deploysDir, 'current'))).toBe(deployIds[1]);
    expect((await builds()).find((build) => build.kind === 'rollback')).toMatchObject({ status: 'failed' });
  });
});

describe('a restart of the CMS', () => {
  it('runs the job queued before it, and requeues a build that was cut off mid-way', async () => {
    process.env.PUBLISH_SETTLE_MS = '0';
    process.env.PUBLISH_COMMAND = fakePipeline(successResult);
    // Before the restart: one build was running in a process that no longer exists, one waits.
    const cut = await requestRebuild(payload, { trigger: 'coupée', byName: 'test' });
    await payload.update({
      collection: 'builds',
      id: cut.buildId,
      data: {
        status: 'running',
        runner: `${(await import('node:os')).hostname()}:999999`,
        heartbeatAt: new Date().toISOString(),
      },
    });
    const waiting = await requestRebuild(payload, { trigger: 'en attente', byName: 'test' });

    // A second Payload on the same database, as `next start` after a restart.
    const restarted = await getPayload({ config: testPayload.config, key: 'restarted' });
    try {
      const afterInit = (await restarted.find({ collection: 'builds', sort: 'createdAt', pagination: false, depth: 0 })).docs;
      expect(afterInit[0]).toMatchObject({ id: cut.buildId, status: 'failed', reason: expect.stringContaining('interrompue') });
      // The waiting build already carries the cut build's changes, so no third build is opened.
      expect(afterInit.map((build) => build.status)).toEqual(['failed', 'queued']);
      await restarted.jobs.run({ queue: publishQueue });
      const after = (await restarted.find({ collection: 'builds', sort: 'createdAt', pagination: false, depth: 0 })).docs;
      expect(after.find((build) => build.id === waiting.buildId)).toMatchObject({ status: 'succeeded' });
    } finally {
      await restarted.destroy();
    }
  });
});

describe('former addresses of fiches', () => {
  async function formerAddresses(ficheId: string) {
    const { docs } = await payload.find({
      collection: 'redirects',
      where: { fiche: { equals: ficheId } },
      depth: 0,
      pagination: false,
    });
    return docs.map((doc) => `${doc.type}/${doc.slug}`).sort();
  }

  it('records the address of the previous publication when a publication changes the slug or type', async () => {
    const fiche = await publishedFiche('Demander la CSS');
    expect(fiche.slug).toBe('demander-la-css');
    // Slug typed in a draft (autosave), then published: compared with the published version.
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { slug: 'complementaire-sante-solidaire' },
      draft: true,
      autosave: true,
      context: quiet,
    });
    expect(await formerAddresses(fiche.id)).toEqual([]);
    await payload.update({ collection: 'fiches', id: fiche.id, data: { _status: 'published' }, context: quiet });
    expect(await formerAddresses(fiche.id)).toEqual(['demarche/demander-la-css']);
    await payload.update({ collection: 'fiches', id: fiche.id, data: { slug: 'css', _status: 'published' }, context: quiet });
    expect(await formerAddresses(fiche.id)).toEqual(['demarche/complementaire-sante-solidaire', 'demarche/demander-la-css']);
    // Back to an earlier address: that one is the page again.
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { slug: 'demander-la-css', _status: 'published' },
      context: quiet,
    });
    expect(await formerAddresses(fiche.id)).toEqual(['demarche/complementaire-sante-solidaire', 'demarche/css']);
  });

  it('are public (the site build reads them) and go away with their fiche', async () => {
    const fiche = await publishedFiche('Fiche renommée');
    await payload.update({
      collection: 'fiches',
      id: fiche.id,
      data: { slug: 'fiche-au-nouveau-nom', _status: 'published' },
      context: quiet,
    });
    const response = await call('GET', '/redirects?pagination=false&depth=0');
    expect(response.status).toBe(200);
    expect(response.body.docs).toEqual(
      expect.arrayContaining([expect.objectContaining({ fiche: fiche.id, slug: 'fiche-renommee', type: 'demarche' })]),
    );
    await payload.delete({ collection: 'fiches', id: fiche.id, context: quiet });
    expect(await formerAddresses(fiche.id)).toEqual([]);
  });
});

describe('the admin badge', () => {
  it('says in French what the public site is doing', () => {
    const at = '2026-01-01T10:00:00.000Z';
    expect(describeBuilds([]).text).toBe('Site public : aucune publication pour l’instant');
    expect(
      describeBuilds([
        { id: '2', status: 'queued', createdAt: at },
        { id: '1', status: 'running', phase: 'construction du site', createdAt: at },
      ]).text,
    ).toBe('Publication en cours : construction du site… (une autre en attente)');
    expect(
      describeBuilds([{ id: '1', status: 'failed', reason: 'La construction du site a échoué : x', createdAt: at }]).text,
    ).toBe('Échec de la publication : La construction du site a échoué : x');
    expect(describeBuilds([{ id: '1', status: 'succeeded', finishedAt: at, createdAt: at }]).text).toMatch(
      /^Site public à jour \(/,
    );
  });
});
