/**
 * The publish pipeline with a CMS answering from the content-schemas fixtures and a stand-in
 * site build (the real Astro build runs in publish.e2e.test.ts): what goes live, and what a
 * failed or refused build leaves behind — nothing but the live site as it was.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { contentCollectionNames, localeCodes, sitePaths, type ContentCollection, type Fiche } from '@passerelle/content-schemas';
import { fixtureSnapshotDir as fixtureDir } from '@passerelle/content-schemas/repository';

import { currentDeployId, listDeploys } from '../src/deploys';
import { directorySize } from '../src/diskSpace';
import { buildFailure, PublishError, publishSite, type PublishOptions } from '../src/publishSite';
import type { SiteBuilder } from '../src/siteBuild';

async function fixture(collection: ContentCollection): Promise<Record<string, unknown>[]> {
  return JSON.parse(await readFile(path.join(fixtureDir, `${collection}.json`), 'utf8'));
}

/** Payload's REST API as the pipeline reads it, from the fixtures. */
async function fakeCms({
  fiches,
  totalDocs,
  redirects = [],
  liveInfo,
}: { fiches?: unknown[]; totalDocs?: number; redirects?: unknown[]; liveInfo?: unknown } = {}): Promise<typeof fetch> {
  const data = Object.fromEntries(
    await Promise.all(contentCollectionNames.map(async (name) => [name, await fixture(name)])),
  ) as Record<string, unknown[]>;
  if (fiches) data.fiches = fiches;
  return async (input) => {
    const url = new URL(String(input));
    const media = /^\/api\/media\/file\/(.+)$/.exec(url.pathname);
    if (media?.[1]) return new Response(await readFile(path.join(fixtureDir, 'media', decodeURIComponent(media[1]))));
    if (url.pathname === '/api/redirects') return Response.json({ docs: redirects });
    if (url.pathname === '/deploy.json') {
      return liveInfo ? Response.json(liveInfo) : new Response('not found', { status: 404 });
    }
    const collection = url.pathname.replace('/api/', '');
    const docs = data[collection] ?? [];
    if (!url.searchParams.has('page')) return Response.json({ docs: docs.slice(0, 1), totalDocs: totalDocs ?? docs.length });
    return Response.json({ docs, hasNextPage: false, totalDocs: docs.length });
  };
}

/** Writes what the site build would: a page per fiche and language, short links, language homes. */
function fakeBuild({ skip = [] as string[], fail = false, extra = '' } = {}): SiteBuilder {
  return async ({ snapshotDir, outDir, log }) => {
    if (fail) {
      log('[content] error: fiches 123: summary: Required');
      throw new Error('npm run build stopped (exit code 1)');
    }
    const fiches = JSON.parse(await readFile(path.join(snapshotDir, 'fiches.json'), 'utf8')) as Fiche[];
    const pages = [
      '/',
      ...localeCodes.map((locale) => sitePaths.home(locale)),
      ...localeCodes.map((locale) => sitePaths.notFound(locale)),
    ];
    for (const fiche of fiches)
      pages.push(sitePaths.shortLink(fiche.shortId), ...localeCodes.map((locale) => sitePaths.fiche(locale, fiche)));
    for (const page of pages.filter((entry) => !skip.some((prefix) => entry.startsWith(prefix)))) {
      const file = path.join(outDir, page.endsWith('/') ? `${page}index.html` : page);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `<!doctype html><title>${page}</title>${page.startsWith('/fr/') ? extra : ''}`);
    }
    await mkdir(path.join(outDir, '_astro'), { recursive: true });
    await writeFile(path.join(outDir, '_astro', 'site.abc123.css'), 'p{}');
  };
}

const temporary: string[] = [];

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

async function options(overrides: Partial<PublishOptions> = {}): Promise<PublishOptions> {
  const deploysDir = mkdtempSync(path.join(tmpdir(), 'passerelle-publish-'));
  temporary.push(deploysDir);
  return {
    cmsUrl: 'http://cms.test',
    siteUrl: 'https://passerelle.example',
    deploysDir,
    fetchImpl: await fakeCms(),
    buildSite: fakeBuild(),
    // Never the real site's cache: tests that need one bring their own.
    mediaCacheDirs: [],
    // The stand-in build writes no real pages for the site's whole-site passes to read.
    finishDeploy: async () => {},
    ...overrides,
  };
}

describe('publishSite', () => {
  it('builds a deploy with its CDN rules and switches the live site to it', async () => {
    const carteVitale = (await fixture('fiches')).find((fiche) => fiche.slug === 'carte-vitale') as { id: string };
    const settings = await options({
      fetchImpl: await fakeCms({ redirects: [{ fiche: carteVitale.id, slug: 'obtenir-la-carte-vitale', type: 'demarche' }] }),
    });
    const stages: string[] = [];
    const report = await publishSite({ ...settings, buildId: 'b1', onStage: (stage) => stages.push(stage) });
    expect(stages).toEqual(['export', 'build', 'verify', 'switch']);
    expect(report).toMatchObject({
      publishedFiches: 5,
      pages: { fiches: { fr: 5, ar: 5, uk: 5 }, shortLinks: 5 },
      previousDeployId: undefined,
    });
    expect(await currentDeployId(settings.deploysDir)).toBe(report.deployId);
    const live = path.join(settings.deploysDir, 'current');
    expect(await readFile(path.join(live, '_headers'), 'utf8')).toContain("Content-Security-Policy: default-src 'self'");
    expect(await readFile(path.join(live, '_redirects'), 'utf8')).toContain(
      '/fr/demarches/obtenir-la-carte-vitale/  /fr/demarches/carte-vitale/  301',
    );
    expect(JSON.parse(await readFile(path.join(settings.deploysDir, `${report.deployId}.json`), 'utf8'))).toMatchObject({
      buildId: 'b1',
      publishedFiches: 5,
    });
    // Nothing of the work in progress is left, and nothing of it was ever served.
    expect((await readdir(settings.deploysDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('keeps the last five deploys', async () => {
    const settings = await options();
    const ids: string[] = [];
    for (let run = 0; run < 7; run += 1) ids.push((await publishSite(settings)).deployId);
    expect((await listDeploys(settings.deploysDir)).map((meta) => meta.id)).toEqual(ids.slice(2));
    expect(await currentDeployId(settings.deploysDir)).toBe(ids[6]);
  });

  it('is live at the switch: the oldest deploy is pruned after, timed on its own', async () => {
    const lines: string[] = [];
    const settings = await options({ keep: 1, log: (line) => lines.push(line) });
    const first = (await publishSite(settings)).deployId;
    const second = await publishSite(settings);
    expect(await listDeploys(settings.deploysDir)).toHaveLength(1);
    expect(Object.keys(second.timings).slice(-2)).toEqual(['switch', 'prune']);
    const live = lines.findIndex((line) => line.startsWith(`publish: ${second.deployId} is live`));
    const pruned = lines.findIndex((line) => line.startsWith(`publish: ${first} removed`));
    expect(live).toBeGreaterThan(-1);
    expect(pruned).toBeGreaterThan(live);
    // The publication's time stops at the switch, before the pruning.
    const untilSwitch = Object.entries(second.timings)
      .filter(([step]) => step !== 'prune')
      .reduce((total, [, ms]) => total + ms, 0);
    expect(second.durationMs).toBeLessThanOrEqual(untilSwitch + 5);
  });

  it('leaves the live site untouched when the build fails, with the build’s own error as the reason', async () => {
    const settings = await options();
    const live = (await publishSite(settings)).deployId;
    const attempt = publishSite({ ...settings, buildSite: fakeBuild({ fail: true }) });
    await expect(attempt).rejects.toBeInstanceOf(PublishError);
    await expect(attempt).rejects.toMatchObject({
      stage: 'build',
      status: 'failed',
      reason: 'La construction du site a échoué : [content] error: fiches 123: summary: Required',
    });
    expect(await currentDeployId(settings.deploysDir)).toBe(live);
    // No leftover of the attempt; the only mark it leaves is that the next build is a full one.
    expect((await readdir(settings.deploysDir)).filter((name) => name.startsWith('.'))).toEqual(['.next-full']);
  });

  it('fails a build missing a language or a fiche page', async () => {
    const settings = await options({ buildSite: fakeBuild({ skip: ['/ti/', '/fr/demarches/carte-vitale/'] }) });
    const attempt = publishSite(settings);
    await expect(attempt).rejects.toMatchObject({
      stage: 'verify',
      status: 'failed',
      reason: expect.stringContaining('Langues absentes du site construit : ti.'),
    });
    await expect(attempt).rejects.toMatchObject({ reason: expect.stringContaining('fr: 4') });
    expect(existsSync(path.join(settings.deploysDir, 'current'))).toBe(false);
  });

  it.each([
    ['an inline script', '<script>alert(1)</script>'],
    ['a style element', '<style>p{color:red}</style>'],
    ['a style attribute', '<p style="color:red">x</p>'],
    ['an event handler', '<img src="/a.png" onerror="alert(1)">'],
  ])('fails a build with %s in a page, instead of allowing it in the CSP', async (_, extra) => {
    const settings = await options();
    const live = (await publishSite(settings)).deployId;
    const attempt = publishSite({ ...settings, buildSite: fakeBuild({ extra }) });
    await expect(attempt).rejects.toMatchObject({
      stage: 'verify',
      status: 'failed',
      reason: expect.stringMatching(/code en ligne que la politique de sécurité du site bloquerait .* page\(s\) : fr\//),
    });
    expect(await currentDeployId(settings.deploysDir)).toBe(live);
    expect(await readFile(path.join(settings.deploysDir, 'current', '_headers'), 'utf8')).not.toContain('sha256-');
  });

  it('takes the inline code the whole-site passes counted on the pages they read, and reads the others', async () => {
    const settings = await options();
    // The passes read the Ukrainian pages only, and found a style attribute on the home page; the
    // French pages, with an inline script each, are read by the checks.
    const finishDeploy: PublishOptions['finishDeploy'] = async ({ outDir, inlineCode }) => {
      const read = (await readdir(path.join(outDir, 'uk'), { recursive: true }))
        .map((file) => `uk/${String(file)}`)
        .filter((file) => file.endsWith('.html'));
      const found = [{ file: 'uk/index.html', scripts: 0, styles: 0, styleAttributes: 1, eventHandlers: 0 }];
      if (inlineCode) await writeFile(inlineCode, JSON.stringify({ read, pages: found }));
    };
    const attempt = publishSite({ ...settings, buildSite: fakeBuild({ extra: '<script>alert(1)</script>' }), finishDeploy });
    // The French pages' scripts, read; the Ukrainian style attribute, taken from the count (no page has one).
    await expect(attempt).rejects.toMatchObject({
      stage: 'verify',
      message: expect.stringMatching(/\((?!0 )\d+ script\(s\), 0 <style>, 1 style="…", 0 on…=\/javascript:\)/),
    });
  });

  it('fails with a clear reason, in seconds, when the CMS stops answering mid-export', async () => {
    const settings = await options();
    const live = (await publishSite(settings)).deployId;
    const answering = await fakeCms();
    const hanging: typeof fetch = async (input, init) => {
      // The count answers; the pages of themes never do.
      if (!String(input).includes('/api/themes')) return answering(input, init);
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    };
    const started = Date.now();
    const attempt = publishSite({ ...settings, fetchImpl: hanging, cmsTimeoutMs: 100 });
    await expect(attempt).rejects.toMatchObject({
      stage: 'export',
      status: 'failed',
      reason: expect.stringMatching(
        /^Le contenu n’a pas pu être lu depuis le CMS : themes: the CMS did not answer within 100 ms at http:\/\/cms\.test\/api\/themes/,
      ),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await currentDeployId(settings.deploysDir)).toBe(live);
  });

  it('runs one publication at a time in a deploy folder: the other waits its turn, or fails saying why', async () => {
    const settings = await options();
    let building = 0;
    let overlapped = false;
    const slowBuild: SiteBuilder = async (build) => {
      building += 1;
      overlapped ||= building > 1;
      await new Promise((resolve) => setTimeout(resolve, 150));
      await fakeBuild()(build);
      building -= 1;
    };
    const [first, second] = await Promise.all([
      publishSite({ ...settings, buildSite: slowBuild, lockWaitMs: 30_000 }),
      publishSite({ ...settings, buildSite: slowBuild, lockWaitMs: 30_000 }),
    ]);
    expect(overlapped).toBe(false);
    expect(new Set([first.deployId, second.deployId]).size).toBe(2);
    expect([first.deployId, second.deployId]).toContain(await currentDeployId(settings.deploysDir));
    expect((await listDeploys(settings.deploysDir)).map((meta) => meta.id).sort()).toEqual(
      [first.deployId, second.deployId].sort(),
    );

    const running = publishSite({ ...settings, buildSite: slowBuild });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(publishSite({ ...settings, lockWaitMs: 0 })).rejects.toMatchObject({
      stage: 'export',
      status: 'failed',
      reason: expect.stringMatching(/^Une autre publication est en cours depuis .* \(processus \d+ sur .*\)/),
    });
    await running;
    expect((await readdir(settings.deploysDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses to start when the disk is nearly full, before reading or building anything', async () => {
    const settings = await options();
    const live = (await publishSite(settings)).deployId;
    let built = false;
    const attempt = publishSite({
      ...settings,
      statfs: async () => ({ bavail: 100, bsize: 1024 * 1024 }),
      buildSite: async (build) => {
        built = true;
        await fakeBuild()(build);
      },
    });
    await expect(attempt).rejects.toMatchObject({
      stage: 'export',
      reason: expect.stringMatching(
        /^Espace disque insuffisant pour construire le site : 100 Mo libres dans .*, il en faut au moins 512 Mo\./,
      ),
    });
    expect(built).toBe(false);
    expect(await currentDeployId(settings.deploysDir)).toBe(live);
  });

  it('records each deploy’s size, which the next disk check takes instead of measuring the live site', async () => {
    const settings = await options();
    const metaOf = async (id: string) =>
      JSON.parse(await readFile(path.join(settings.deploysDir, `${id}.json`), 'utf8')) as { bytes?: number };
    const full = await publishSite(settings);
    expect((await metaOf(full.deployId)).bytes).toBe(await directorySize(path.join(settings.deploysDir, full.deployId)));
    // An incremental one, twice: exactly its own size each time, never the live one's plus what it rendered.
    for (const extra of ['<p>changed</p>', '<p>changed again</p>']) {
      const incremental = await publishSite({ ...settings, buildSite: fakeBuild({ extra }) });
      expect(incremental.kind).toBe('incremental');
      expect((await metaOf(incremental.deployId)).bytes).toBe(
        await directorySize(path.join(settings.deploysDir, incremental.deployId)),
      );
    }
    const incremental = { deployId: (await currentDeployId(settings.deploysDir)) as string };
    // Told the live site is 10 GB, the check asks for twice that, without measuring the folder.
    const metaFile = path.join(settings.deploysDir, `${incremental.deployId}.json`);
    await writeFile(metaFile, JSON.stringify({ ...JSON.parse(await readFile(metaFile, 'utf8')), bytes: 10 * 1024 ** 3 }));
    await expect(publishSite({ ...settings, statfs: async () => ({ bavail: 1024, bsize: 1024 * 1024 }) })).rejects.toMatchObject({
      stage: 'export',
      reason: expect.stringMatching(/il en faut au moins 20480 Mo\./),
    });
  });

  it('prunes the image cache before building', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'passerelle-image-cache-'));
    temporary.push(cache);
    await writeFile(path.join(cache, 'recent.webp'), Buffer.alloc(600));
    await writeFile(path.join(cache, 'old.webp'), Buffer.alloc(600));
    const lastYear = new Date(Date.now() - 365 * 24 * 3_600_000);
    await utimes(path.join(cache, 'old.webp'), lastYear, lastYear);
    const lines: string[] = [];
    await publishSite({ ...(await options()), mediaCacheDirs: [cache], log: (line) => lines.push(line) });
    expect(await readdir(cache)).toEqual(['recent.webp']);
    expect(lines).toContain('publish: image cache: 1 file(s) removed, 0 MB freed');
  });

  it('fails when the export misses published fiches the CMS counts', async () => {
    const settings = await options({ fetchImpl: await fakeCms({ totalDocs: 9 }) });
    await expect(publishSite(settings)).rejects.toMatchObject({
      stage: 'export',
      reason: 'L’export ne contient pas toutes les fiches publiées (5 sur 9).',
    });
  });

  it('refuses a build whose fiches collapse below half of the live site, unless told to allow it', async () => {
    const settings = await options();
    const live = (await publishSite(settings)).deployId;
    const [first, second] = await fixture('fiches');
    const shrunk = { ...settings, fetchImpl: await fakeCms({ fiches: [first, second] }) };
    await expect(publishSite(shrunk)).rejects.toMatchObject({
      stage: 'verify',
      status: 'refused',
      reason: expect.stringContaining('le site passerait de 5 à 2 fiches'),
    });
    expect(await currentDeployId(settings.deploysDir)).toBe(live);
    const allowed = await publishSite({ ...shrunk, allowShrink: true });
    expect(await currentDeployId(settings.deploysDir)).toBe(allowed.deployId);
  });

  it('on a fresh machine (CI), compares with the live site’s /deploy.json', async () => {
    const [first, second] = await fixture('fiches');
    const liveInfo = { id: 'live', publishedFiches: 30, pages: { total: 1300, fiches: {}, shortLinks: 30 } };
    const settings = await options({
      fetchImpl: await fakeCms({ fiches: [first, second], liveInfo }),
      liveSiteUrl: 'https://passerelle.example',
    });
    await expect(publishSite(settings)).rejects.toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('de 30 à 2 fiches'),
    });
    const report = await publishSite({ ...settings, fetchImpl: await fakeCms({ fiches: [first, second] }) });
    expect(JSON.parse(await readFile(path.join(settings.deploysDir, 'current', 'deploy.json'), 'utf8'))).toMatchObject({
      id: report.deployId,
      publishedFiches: 2,
    });
    // A cold cache (publish.yml): a full build, and the Builds record says why.
    expect(report).toMatchObject({ kind: 'full', why: expect.stringMatching(/pas de construction précédente dans le cache/) });
    // With the deploys folder kept (the Actions cache restored), the next one is incremental.
    const next = await publishSite({ ...settings, fetchImpl: await fakeCms({ fiches: [first, second] }), keep: 1 });
    expect(next).toMatchObject({ kind: 'incremental', exported: { kind: 'incremental' } });
    expect((await listDeploys(settings.deploysDir)).map((meta) => meta.id)).toEqual([next.deployId]);
  });

  it('names the document when the CMS content breaks the contract, before building anything', async () => {
    const [fiche] = await fixture('fiches');
    let built = false;
    const settings = await options({
      fetchImpl: await fakeCms({ fiches: [{ ...fiche, slug: 'Pas Un Slug' }] }),
      buildSite: async () => {
        built = true;
      },
    });
    await expect(publishSite(settings)).rejects.toMatchObject({
      stage: 'export',
      reason: expect.stringMatching(
        /^Le contenu n’a pas pu être lu depuis le CMS : fiches .* does not match the content schema: slug/,
      ),
    });
    expect(built).toBe(false);
  });
});

describe('incremental publication', () => {
  it('builds in full first, then incrementally from the snapshot behind the live deploy, recording which and why', async () => {
    const settings = await options();
    const selections: (string | undefined)[] = [];
    const build = fakeBuild();
    const buildSite: SiteBuilder = async (args) => {
      selections.push(args.renderOnly ? await readFile(args.renderOnly, 'utf8') : undefined);
      await build(args);
    };
    const first = await publishSite({ ...settings, buildSite });
    expect(first).toMatchObject({ kind: 'full', why: expect.stringMatching(/aucun site en ligne/), exported: { kind: 'full' } });
    expect(existsSync(path.join(settings.deploysDir, `${first.deployId}.snapshot`, 'fiches.json'))).toBe(true);
    const second = await publishSite({ ...settings, buildSite });
    // The export too starts from the live deploy's snapshot (this stand-in CMS ignores the filter on `updatedAt`).
    expect(second).toMatchObject({
      kind: 'incremental',
      why: expect.stringMatching(/0 fiche\(s\) modifiée\(s\)/),
      exported: { kind: 'incremental' },
    });
    expect(JSON.parse(selections[1] ?? '')).toEqual({ fiches: [], departements: [] });
    expect(JSON.parse(await readFile(path.join(settings.deploysDir, `${second.deployId}.json`), 'utf8'))).toMatchObject({
      kind: 'incremental',
      codeVersion: expect.any(String),
    });
    const forced = await publishSite({ ...settings, buildSite, full: true });
    expect(forced).toMatchObject({ kind: 'full', why: expect.stringMatching(/--full/), exported: { kind: 'full' } });
  });

  it('keeps each deploy’s search and QR code records with its content snapshot, and hands the live ones to the next publication', async () => {
    const settings = await options();
    const finishes: Parameters<NonNullable<PublishOptions['finishDeploy']>>[0][] = [];
    const builds: Parameters<SiteBuilder>[0][] = [];
    const build = fakeBuild();
    const buildSite: SiteBuilder = async (args) => {
      builds.push(args);
      await build(args);
    };
    // The whole-site passes of both kinds run after the build and write the records where they are told.
    const finishDeploy: PublishOptions['finishDeploy'] = async (args) => {
      finishes.push(args);
      const kind = args.full ? 'full' : 'incremental';
      if (args.searchRecord) await writeFile(args.searchRecord, `search ${kind}`);
      if (args.qrRecord) await writeFile(args.qrRecord, `qr ${kind}`);
    };
    const full = await publishSite({ ...settings, buildSite, finishDeploy });
    const snapshot = (id: string) => path.join(settings.deploysDir, `${id}.snapshot`);
    expect(await readFile(path.join(snapshot(full.deployId), 'search-index.json'), 'utf8')).toBe('search full');
    expect(await readFile(path.join(snapshot(full.deployId), 'qr-codes.json'), 'utf8')).toBe('qr full');
    const incremental = await publishSite({ ...settings, buildSite, finishDeploy });
    expect(incremental.kind).toBe('incremental');
    const forced = await publishSite({ ...settings, buildSite, finishDeploy, full: true });
    // A full build leaves its passes to the finish step, Astro's process having exited.
    expect(builds.map((args) => Boolean(args.passesAfter))).toEqual([true, false, true]);
    expect(full.timings).toHaveProperty('finish');
    expect(finishes).toEqual([
      expect.objectContaining({ full: true, formerStylesheets: [] }),
      expect.objectContaining({
        liveDir: path.join(settings.deploysDir, full.deployId),
        liveSearchRecord: path.join(snapshot(full.deployId), 'search-index.json'),
        liveQrRecord: path.join(snapshot(full.deployId), 'qr-codes.json'),
      }),
      // A full build with a live deploy takes its QR codes only: its search index is its own.
      expect.objectContaining({
        full: true,
        liveDir: path.join(settings.deploysDir, incremental.deployId),
        liveQrRecord: path.join(snapshot(incremental.deployId), 'qr-codes.json'),
      }),
    ]);
    expect(finishes[0]).not.toHaveProperty('liveDir');
    expect(finishes[2]).not.toHaveProperty('liveSearchRecord');
    expect(await readFile(path.join(snapshot(incremental.deployId), 'search-index.json'), 'utf8')).toBe('search incremental');
    expect(await readFile(path.join(snapshot(forced.deployId), 'qr-codes.json'), 'utf8')).toBe('qr full');
  });

  it('checks the inline code of the pages it rendered and of those the passes wrote, not of the pages kept from the live deploy', async () => {
    const settings = await options();
    const full = await publishSite(settings);
    // A kept page changed in place in the live deploy (what no step does) shows what is not read again.
    await writeFile(path.join(settings.deploysDir, full.deployId, 'ru', 'index.html'), '<p onclick="x()">kept</p>');
    // The passes rewrote a kept page, with a style attribute, and counted it.
    const finishDeploy: PublishOptions['finishDeploy'] = async ({ outDir, inlineCode }) => {
      await rm(path.join(outDir, 'uk', 'index.html'));
      await writeFile(path.join(outDir, 'uk', 'index.html'), '<p style="color:red">x</p>');
      const pages = [{ file: 'uk/index.html', scripts: 0, styles: 0, styleAttributes: 1, eventHandlers: 0 }];
      if (inlineCode) await writeFile(inlineCode, JSON.stringify({ read: ['uk/index.html'], pages }));
    };
    // The French pages are rendered again, each with an inline script.
    const attempt = publishSite({ ...settings, buildSite: fakeBuild({ extra: '<script>alert(1)</script>' }), finishDeploy });
    await expect(attempt).rejects.toMatchObject({
      stage: 'verify',
      message: expect.stringMatching(/\((?!0 )\d+ script\(s\), 0 <style>, 1 style="…", 0 on…=\/javascript:\)/),
    });
    await expect(attempt).rejects.toMatchObject({ message: expect.not.stringContaining('ru/index.html') });
    expect(await currentDeployId(settings.deploysDir)).toBe(full.deployId);
  });

  it('after a failed incremental publication, leaves the live site as it was and builds the next one in full', async () => {
    const settings = await options();
    const first = await publishSite(settings);
    await expect(
      publishSite({
        ...settings,
        finishDeploy: async () => {
          throw new Error('pagefind crashed');
        },
      }),
    ).rejects.toMatchObject({ stage: 'build' });
    expect(await currentDeployId(settings.deploysDir)).toBe(first.deployId);
    const next = await publishSite(settings);
    expect(next).toMatchObject({
      kind: 'full',
      why: expect.stringMatching(/incrémentale précédente a échoué.*pagefind crashed/),
    });
    const after = await publishSite(settings);
    expect(after.kind).toBe('incremental');
  });

  it('rolls back across kinds, and the next publication builds on the deploy put back', async () => {
    const settings = await options();
    const full = await publishSite(settings);
    const incremental = await publishSite(settings);
    expect(incremental.kind).toBe('incremental');
    const { rollback } = await import('../src/deploys');
    expect(await rollback(settings.deploysDir)).toEqual({ from: incremental.deployId, to: full.deployId });
    const next = await publishSite(settings);
    expect(next).toMatchObject({ kind: 'incremental', previousDeployId: full.deployId });
  });
});

describe('buildFailure', () => {
  it.each([
    [
      ['[content] error: fiches 12: summary: Required', 'npm error Lifecycle script `build` failed'],
      'x',
      '[content] error: fiches 12: summary: Required',
    ],
    [
      ['19:13:16 [content] Syncing content', 'npm error signal SIGKILL', 'npm error command failed'],
      'npm run build stopped (exit code 1)',
      'le processus de construction a été arrêté (SIGKILL).',
    ],
    [[], 'npm run build stopped (SIGTERM)', 'le processus de construction a été arrêté (SIGTERM).'],
    [
      ['npm error code 2'],
      'npm run build stopped (exit code 2)',
      'le processus de construction s’est arrêté (code de sortie 2).',
    ],
  ])('%j, %s → %s', (output, message, expected) => {
    expect(buildFailure(output, message)).toBe(expected);
  });
});
