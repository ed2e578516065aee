import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { contentSourceFromEnv, defaultCmsUrl, readSnapshotCollection } from '../../src/content/loader';
import { fixtureSnapshotDir } from '../helpers/paths';

describe('contentSourceFromEnv', () => {
  it.each([
    [{}, { kind: 'cms', url: defaultCmsUrl }],
    [{ CMS_URL: 'http://cms.example:3000' }, { kind: 'cms', url: 'http://cms.example:3000' }],
    [{ SNAPSHOT_DIR: 'snapshot' }, { kind: 'snapshot', directory: '/repo/snapshot' }],
    [
      { SNAPSHOT_DIR: '/data/snap', CMS_URL: 'http://cms.example' },
      { kind: 'snapshot', directory: '/data/snap' },
    ],
    [
      { SNAPSHOT_DIR: '', CMS_URL: '' },
      { kind: 'cms', url: defaultCmsUrl },
    ],
  ])('%j reads from %j', (env, expected) => {
    expect(contentSourceFromEnv(env, ['/repo', '/repo/site'], () => true)).toEqual(expected);
  });

  it('reads a relative snapshot from site/ when it is not where the command was typed', () => {
    const exists = (directory: string) => directory === '/repo/content-schemas/fixtures/snapshot';
    expect(
      contentSourceFromEnv({ SNAPSHOT_DIR: '../content-schemas/fixtures/snapshot' }, ['/repo', '/repo/site'], exists),
    ).toEqual({
      kind: 'snapshot',
      directory: '/repo/content-schemas/fixtures/snapshot',
    });
  });
});

describe('readSnapshotCollection', () => {
  it('reads and validates a collection of the fixtures', async () => {
    const fiches = await readSnapshotCollection(fixtureSnapshotDir, 'fiches');
    expect(fiches.length).toBeGreaterThanOrEqual(5);
  });

  it('fails with the document id and the field path of a mismatch', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'passerelle-snapshot-'));
    const [first] = JSON.parse(await readFile(path.join(fixtureSnapshotDir, 'themes.json'), 'utf8'));
    await writeFile(path.join(directory, 'themes.json'), JSON.stringify([{ ...first, icon: 'home' }]));
    await expect(readSnapshotCollection(directory, 'themes')).rejects.toThrow(
      new RegExp(`themes ${first.id} does not match the content schema: icon:`),
    );
  });

  it('fails on a missing snapshot, saying how to make one', async () => {
    await expect(readSnapshotCollection('/nonexistent', 'fiches')).rejects.toThrow(/npm run export/);
  });

  it('fails on an empty list of fiches', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'passerelle-snapshot-'));
    await writeFile(path.join(directory, 'fiches.json'), '[]');
    await expect(readSnapshotCollection(directory, 'fiches')).rejects.toThrow(/no published document/);
  });
});
