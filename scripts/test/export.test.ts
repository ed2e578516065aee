import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { contentCollectionNames, parseDocuments, type ContentCollection } from '@passerelle/content-schemas';
import { fixtureSnapshotDir as fixtureDir } from '@passerelle/content-schemas/repository';

import { exportSnapshot, resolveSnapshotDir } from '../src/export';

async function fixtureDocuments(collection: ContentCollection): Promise<Record<string, unknown>[]> {
  return JSON.parse(await readFile(path.join(fixtureDir, `${collection}.json`), 'utf8'));
}

type FakeCms = { fetch: typeof fetch; requests: string[]; data: Record<ContentCollection, unknown[]> };

/** A CMS answering like Payload's REST API from the fixtures, two documents per page. */
async function fakeCms(overrides: Partial<Record<ContentCollection, unknown[]>> = {}, status = 200): Promise<FakeCms> {
  const data = Object.fromEntries(
    await Promise.all(
      contentCollectionNames.map(async (collection) => [
        collection,
        overrides[collection] ?? (await fixtureDocuments(collection)),
      ]),
    ),
  ) as Record<ContentCollection, unknown[]>;
  const requests: string[] = [];
  const fakeFetch: typeof fetch = async (input) => {
    const url = new URL(String(input));
    requests.push(`${url.pathname}${url.search}`);
    const media = /^\/api\/media\/file\/(.+)$/.exec(url.pathname);
    if (media?.[1]) return new Response(await readFile(path.join(fixtureDir, 'media', decodeURIComponent(media[1]))));
    const collection = url.pathname.replace('/api/', '') as ContentCollection;
    const page = Number(url.searchParams.get('page'));
    // Payload's filter on the last change (an incremental export asks for what changed since).
    const since = url.searchParams.get('where[updatedAt][greater_than_equal]');
    const matching = data[collection].filter((doc) => !since || String((doc as { updatedAt?: string }).updatedAt) >= since);
    const docs = matching.slice((page - 1) * 2, page * 2);
    return new Response(JSON.stringify({ docs, hasNextPage: page * 2 < matching.length }), { status });
  };
  return { fetch: fakeFetch, requests, data };
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'passerelle-export-'));
}

describe('exportSnapshot', () => {
  it('writes every collection, the media files and a manifest', async () => {
    const cms = await fakeCms();
    const snapshotDir = path.join(await tempDir(), 'snapshot');
    const report = await exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir, fetchImpl: cms.fetch });
    expect((await readdir(snapshotDir)).sort()).toEqual([
      'documents.json',
      'fiches.json',
      'manifest.json',
      'media',
      'media.json',
      'needs.json',
      'structures.json',
      'themes.json',
    ]);
    for (const collection of contentCollectionNames) {
      const written = JSON.parse(await readFile(path.join(snapshotDir, `${collection}.json`), 'utf8'));
      // As the CMS served them, plus what the contract works out once when reading (a fiche's translatedLocales).
      expect(written, collection).toEqual(
        JSON.parse(JSON.stringify(parseDocuments(collection, await fixtureDocuments(collection)))),
      );
      expect(report.counts[collection]).toBe(written.length);
    }
    const fiches = JSON.parse(await readFile(path.join(snapshotDir, 'fiches.json'), 'utf8')) as {
      slug: string;
      translatedLocales: string[];
    }[];
    expect(fiches.find((fiche) => fiche.slug === 'complementaire-sante-solidaire')?.translatedLocales).not.toContain('ps');
    expect(fiches.every((fiche) => fiche.translatedLocales[0] === 'fr')).toBe(true);
    expect((await readdir(path.join(snapshotDir, 'media'))).sort()).toEqual(
      (await readdir(path.join(fixtureDir, 'media'))).sort(),
    );
    expect(JSON.parse(await readFile(path.join(snapshotDir, 'manifest.json'), 'utf8'))).toMatchObject({
      cmsUrl: 'http://cms.test',
      counts: report.counts,
    });
  });

  it('asks for every language, relations as ids, and published fiches only', async () => {
    const cms = await fakeCms();
    await exportSnapshot({
      cmsUrl: 'http://cms.test',
      snapshotDir: path.join(await tempDir(), 'snapshot'),
      fetchImpl: cms.fetch,
    });
    const ficheRequests = cms.requests.filter((request) => request.startsWith('/api/fiches'));
    expect(ficheRequests.length).toBeGreaterThan(1);
    for (const request of ficheRequests) {
      const params = new URLSearchParams(request.split('?')[1]);
      expect(Object.fromEntries(params)).toMatchObject({ locale: 'all', depth: '0', 'where[_status][equals]': 'published' });
    }
  });

  it('fails on a document that breaks the contract, naming it, and keeps the previous snapshot', async () => {
    const [fiche] = await fixtureDocuments('fiches');
    const cms = await fakeCms({ fiches: [{ ...fiche, slug: 'Not A Slug' }] });
    const snapshotDir = path.join(await tempDir(), 'snapshot');
    await mkdir(snapshotDir);
    await writeFile(path.join(snapshotDir, 'fiches.json'), '["previous"]');
    await expect(exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir, fetchImpl: cms.fetch })).rejects.toThrow(
      new RegExp(`fiches ${String(fiche?.id)} does not match the content schema: slug:`),
    );
    await expect(readFile(path.join(snapshotDir, 'fiches.json'), 'utf8')).resolves.toBe('["previous"]');
    expect((await readdir(path.dirname(snapshotDir))).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('fails when the CMS has no published fiche', async () => {
    const cms = await fakeCms({ fiches: [] });
    await expect(
      exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir: path.join(await tempDir(), 's'), fetchImpl: cms.fetch }),
    ).rejects.toThrow(/fiches: no published document/);
  });

  it('fails on an HTTP error', async () => {
    const cms = await fakeCms({}, 503);
    await expect(
      exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir: path.join(await tempDir(), 's'), fetchImpl: cms.fetch }),
    ).rejects.toThrow(/HTTP 503/);
  });

  it('fails when the CMS cannot be reached', async () => {
    await expect(exportSnapshot({ cmsUrl: 'http://127.0.0.1:9', snapshotDir: path.join(await tempDir(), 's') })).rejects.toThrow(
      /cannot reach the CMS/,
    );
  });
});

describe('exportSnapshot from a base snapshot (incremental publication)', () => {
  /** A base exported from the fixtures, read (as its manifest says) on 2026-12-01, after every fixture's last change. */
  async function baseSnapshot(): Promise<string> {
    const base = path.join(await tempDir(), 'base');
    await exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir: base, fetchImpl: (await fakeCms()).fetch });
    const manifestFile = path.join(base, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, readStartedAt: '2026-12-01T12:00:00.000Z' }));
    return base;
  }

  const later = '2026-12-01T12:05:00.000Z';

  it('reads only what changed since the base, and writes what a full export would', async () => {
    const base = await baseSnapshot();
    const [first, second, third, ...others] = await fixtureDocuments('fiches');
    const edited = {
      ...first,
      summary: { ...(first?.summary as object), fr: 'Un résumé revu pour la publication.' },
      updatedAt: later,
    };
    const created = {
      ...structuredClone(third),
      id: 'c9a0e1f2-0000-4000-8000-00000000abcd',
      slug: 'nouvelle-fiche',
      shortId: 'n3w7fx',
      createdAt: later,
      updatedAt: later,
    };
    // `second` unpublished: gone from the CMS's published list.
    const fiches = [edited, third, ...others, created];
    const structures = await fixtureDocuments('structures');
    structures[0] = { ...structures[0], acronym: 'NV', updatedAt: later };
    const cms = await fakeCms({ fiches, structures });
    const snapshotDir = path.join(await tempDir(), 'snapshot');
    const report = await exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir, fetchImpl: cms.fetch, base });

    const full = path.join(await tempDir(), 'full');
    await exportSnapshot({
      cmsUrl: 'http://cms.test',
      snapshotDir: full,
      fetchImpl: (await fakeCms({ fiches, structures })).fetch,
    });
    for (const collection of contentCollectionNames)
      expect(await readFile(path.join(snapshotDir, `${collection}.json`), 'utf8'), collection).toBe(
        await readFile(path.join(full, `${collection}.json`), 'utf8'),
      );
    expect((await readdir(path.join(snapshotDir, 'media'))).sort()).toEqual((await readdir(path.join(full, 'media'))).sort());
    expect(second).toBeDefined();

    expect(report).toMatchObject({
      kind: 'incremental',
      downloaded: 0,
      read: { fiches: 2, structures: 1, themes: 0, needs: 0, media: 0 },
    });
    // Changes asked for from ten minutes before the base was read (clocks may differ); no media file downloaded.
    const changeRequests = cms.requests.filter((request) => request.includes('updatedAt'));
    expect(changeRequests.length).toBeGreaterThanOrEqual(contentCollectionNames.length);
    for (const request of changeRequests)
      expect(new URLSearchParams(request.split('?')[1]).get('where[updatedAt][greater_than_equal]')).toBe(
        '2026-12-01T11:50:00.000Z',
      );
    expect(cms.requests.filter((request) => request.startsWith('/api/media/file/'))).toEqual([]);
    // The next incremental export starts from this one's start of reading.
    expect(JSON.parse(await readFile(path.join(snapshotDir, 'manifest.json'), 'utf8')).readStartedAt).toMatch(/^\d{4}-/);
  });

  it('downloads a media file again when its document changed', async () => {
    const base = await baseSnapshot();
    const media = await fixtureDocuments('media');
    media[0] = { ...media[0], updatedAt: later };
    const cms = await fakeCms({ media });
    const report = await exportSnapshot({
      cmsUrl: 'http://cms.test',
      snapshotDir: path.join(await tempDir(), 's'),
      fetchImpl: cms.fetch,
      base,
    });
    expect(report).toMatchObject({ kind: 'incremental', downloaded: 1, read: { media: 1 } });
  });

  it('reads a whole collection when the base does not account for a document', async () => {
    const base = await baseSnapshot();
    const fiches = await fixtureDocuments('fiches');
    const needs = await fixtureDocuments('needs');
    // An older document the base never had (restored from a backup, say): its last change is before the base.
    needs.push({ ...needs[0], id: 'a1b2c3d4-0000-4000-8000-0000000000ff', updatedAt: '2026-01-01T00:00:00.000Z' });
    const cms = await fakeCms({ fiches, needs });
    const snapshotDir = path.join(await tempDir(), 's');
    const report = await exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir, fetchImpl: cms.fetch, base });
    expect(report.read.needs).toBe(needs.length);
    expect(report.read.fiches).toBe(0);
    expect(JSON.parse(await readFile(path.join(snapshotDir, 'needs.json'), 'utf8'))).toEqual(needs);
  });

  it('reads everything when the base cannot say when it was read, or came from another CMS', async () => {
    const base = await baseSnapshot();
    const manifestFile = path.join(base, 'manifest.json');
    const report = await exportSnapshot({
      cmsUrl: 'http://other.test',
      snapshotDir: path.join(await tempDir(), 's'),
      fetchImpl: (await fakeCms()).fetch,
      base,
    });
    expect(report.kind).toBe('full');
    const { readStartedAt: _, ...older } = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify(older));
    const again = await exportSnapshot({
      cmsUrl: 'http://cms.test',
      snapshotDir: path.join(await tempDir(), 's'),
      fetchImpl: (await fakeCms()).fetch,
      base,
    });
    expect(again).toMatchObject({ kind: 'full', read: { fiches: 5 } });
  });
});

describe('resolveSnapshotDir', () => {
  it.each([
    [undefined, '/anywhere', path.resolve(import.meta.dirname, '../../snapshot')],
    ['out', '/home/me/passerelle', '/home/me/passerelle/out'],
    ['/tmp/snap', '/home/me', '/tmp/snap'],
  ])('%s typed in %s is %s', (value, invokedFrom, expected) => {
    expect(resolveSnapshotDir(value, invokedFrom)).toBe(expected);
  });
});
