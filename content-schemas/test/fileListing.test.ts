import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { filesIn } from '../src/fileListing';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'passerelle-file-listing-'));
  // A deploy's shape: pages several folders deep, more folders than are read at once, files at the top.
  for (let index = 0; index < 150; index += 1) {
    const folder = path.join(root, 'fr', 'dispositifs', `fiche-${index}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'index.html'), '<!doctype html>');
    await writeFile(path.join(folder, 'qr.svg'), '<svg/>');
  }
  await mkdir(path.join(root, 'empty', 'deeper'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '');
  await writeFile(path.join(root, '_headers'), '');
  await symlink(path.join(root, 'fr'), path.join(root, 'linked-folder'));
  await symlink(path.join(root, 'index.html'), path.join(root, 'linked-file.html'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('filesIn', () => {
  it('lists every file as Node’s recursive listing does, relative with / separators, sorted', async () => {
    const expected = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
    const listed = await filesIn(root);
    expect(listed).toEqual(expected);
    expect(listed).toHaveLength(302);
    expect(listed.slice(0, 3)).toEqual(['_headers', 'fr/dispositifs/fiche-0/index.html', 'fr/dispositifs/fiche-0/qr.svg']);
    expect(listed.at(-1)).toBe('index.html');
  });

  it('neither lists nor follows symbolic links, and lists no folder', async () => {
    const listed = await filesIn(root);
    expect(listed.filter((file) => file.startsWith('linked-') || file.startsWith('empty'))).toEqual([]);
  });

  it('rejects a folder that does not exist', async () => {
    await expect(filesIn(path.join(root, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
