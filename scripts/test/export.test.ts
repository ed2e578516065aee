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

type FakeCms = { fetch: typeof fetch; requests: string[] };

/** A CMS answering like Payload's REST API from the fixtures, two documents per page. */
async function fakeCms(overrides: Partial<Record<ContentCollection, unknown[]>> = {}, status = 200): Promise<FakeCms> {
  const data = Object.fromEntries(
    await Promise.all(contentCollectionNames.map(async (collection) => [collection, overrides[collection] ?? (await fixtureDocuments(collection))])),
  ) as Record<ContentCollection, unknown[]>;
  const requests: string[] = [];
  const fakeFetch: typeof fetch = async (input) => {
    const url = new URL(String(input));
    requests.push(`${url.pathname}${url.search}`);
    const media = /^\/api\/media\/file\/(.+)$/.exec(url.pathname);
    if (media?.[1]) return new Response(await readFile(path.join(fixtureDir, 'media', decodeURIComponent(media[1]))));
    const collection = url.pathname.replace('/api/', '') as ContentCollection;
    const page = Number(url.searchParams.get('page'));
    const docs = data[collection].slice((page - 1) * 2, page * 2);
    return new Response(JSON.stringify({ docs, hasNextPage: page * 2 < data[collection].length }), { status });
  };
  return { fetch: fakeFetch, requests };
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'passerelle-export-'));
}

describe('exportSnapshot', () => {
  it('writes every collection, the media files and a manifest', async () => {
    const cms = await fakeCms();
    const snapshotDir = path.join(await tempDir(), 'snapshot');
    const report = await exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir, fetchImpl: cms.fetch });
    expect((await readdir(snapshotDir)).sort()).toEqual(['documents.json', 'fiches.json', 'manifest.json', 'media', 'media.json', 'needs.json', 'structures.json', 'themes.json']);
    for (const collection of contentCollectionNames) {
      const written = JSON.parse(await readFile(path.join(snapshotDir, `${collection}.json`), 'utf8'));
      // As the CMS served them, plus what the contract works out once when reading (a fiche's translatedLocales).
      expect(written, collection).toEqual(JSON.parse(JSON.stringify(parseDocuments(collection, await fixtureDocuments(collection)))));
      expect(report.counts[collection]).toBe(written.length);
    }
    const fiches = JSON.parse(await readFile(path.join(snapshotDir, 'fiches.json'), 'utf8')) as { slug: string; translatedLocales: string[] }[];
    expect(fiches.find((fiche) => fiche.slug === 'complementaire-sante-solidaire')?.translatedLocales).not.toContain('ps');
    expect(fiches.every((fiche) => fiche.translatedLocales[0] === 'fr')).toBe(true);
    expect((await readdir(path.join(snapshotDir, 'media'))).sort()).toEqual((await readdir(path.join(fixtureDir, 'media'))).sort());
    expect(JSON.parse(await readFile(path.join(snapshotDir, 'manifest.json'), 'utf8'))).toMatchObject({ cmsUrl: 'http://cms.test', counts: report.counts });
  });

  it('asks for every language, relations as ids, and published fiches only', async () => {
    const cms = await fakeCms();
    await exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir: path.join(await tempDir(), 'snapshot'), fetchImpl: cms.fetch });
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
    await expect(exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir: path.join(await tempDir(), 's'), fetchImpl: cms.fetch })).rejects.toThrow(
      /fiches: no published document/,
    );
  });

  it('fails on an HTTP error', async () => {
    const cms = await fakeCms({}, 503);
    await expect(exportSnapshot({ cmsUrl: 'http://cms.test', snapshotDir: path.join(await tempDir(), 's'), fetchImpl: cms.fetch })).rejects.toThrow(/HTTP 503/);
  });

  it('fails when the CMS cannot be reached', async () => {
    await expect(exportSnapshot({ cmsUrl: 'http://127.0.0.1:9', snapshotDir: path.join(await tempDir(), 's') })).rejects.toThrow(/cannot reach the CMS/);
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
