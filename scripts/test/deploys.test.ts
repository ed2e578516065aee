import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  createDeployId,
  currentDeployId,
  isDeployId,
  listDeploys,
  pruneDeploys,
  resolveDeploysDir,
  rollback,
  switchCurrent,
  writeDeployMeta,
  type DeployMeta,
} from '../src/deploys';
import { acquirePublishLock } from '../src/publishLock';

const temporary: string[] = [];

function tempDeploys(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-deploys-'));
  temporary.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A complete deploy: its folder and its metadata; ids one second apart so they sort. */
async function addDeploy(dir: string, index: number): Promise<string> {
  const id = createDeployId(new Date(Date.UTC(2026, 0, 1, 12, 0, index)));
  mkdirSync(path.join(dir, id));
  writeFileSync(path.join(dir, id, 'index.html'), `deploy ${index}`);
  const meta: DeployMeta = {
    id,
    createdAt: new Date().toISOString(),
    cmsUrl: 'http://cms.test',
    siteUrl: 'http://site.test',
    publishedFiches: 30,
    pages: { total: 1300, fiches: { fr: 30, en: 30, ar: 30, ps: 30, fa: 30, ti: 30, ru: 30, uk: 30 }, shortLinks: 30 },
    redirects: 0,
  };
  await writeDeployMeta(dir, meta);
  return id;
}

describe('deploy ids', () => {
  it('sort by time and are recognised', () => {
    const earlier = createDeployId(new Date('2026-11-27T17:44:55.123Z'));
    const later = createDeployId(new Date('2026-11-27T17:44:55.124Z'));
    expect(earlier).toMatch(/^20261127-174455-123-[0-9a-f]{4}$/);
    expect(isDeployId(earlier)).toBe(true);
    expect(isDeployId('current')).toBe(false);
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it('DEPLOYS_DIR is read from where the command was typed', () => {
    expect(resolveDeploysDir('out', '/home/me/passerelle')).toBe('/home/me/passerelle/out');
    expect(resolveDeploysDir(undefined)).toBe(path.resolve(import.meta.dirname, '../../deploys'));
  });
});

describe('switching the live deploy', () => {
  it('points `current` at a complete deploy with a relative symbolic link', async () => {
    const dir = tempDeploys();
    const id = await addDeploy(dir, 1);
    await switchCurrent(dir, id);
    expect(lstatSync(path.join(dir, 'current')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'current'))).toBe(id);
    expect(await currentDeployId(dir)).toBe(id);
  });

  it('refuses a folder without metadata (an unfinished build)', async () => {
    const dir = tempDeploys();
    const id = createDeployId();
    mkdirSync(path.join(dir, id));
    await expect(switchCurrent(dir, id)).rejects.toThrow(/not a complete deploy/);
    expect(existsSync(path.join(dir, 'current'))).toBe(false);
  });

  it('replaces the link in one rename: no moment without a live site', async () => {
    const dir = tempDeploys();
    const [a, b] = [await addDeploy(dir, 1), await addDeploy(dir, 2)];
    await switchCurrent(dir, a as string);
    let missing = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        if (!existsSync(path.join(dir, 'current', 'index.html'))) missing += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let round = 0; round < 50; round += 1) await switchCurrent(dir, round % 2 ? (a as string) : (b as string));
    reading = false;
    await reader;
    expect(missing).toBe(0);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('keeping the last five deploys', () => {
  it('removes older deploys and leftovers of interrupted builds, never the live one', async () => {
    const dir = tempDeploys();
    const ids: string[] = [];
    for (let index = 1; index <= 8; index += 1) ids.push(await addDeploy(dir, index));
    await switchCurrent(dir, ids[0] as string);
    mkdirSync(path.join(dir, `.${createDeployId()}.partial`));
    mkdirSync(path.join(dir, `.${createDeployId()}.work`));
    const removed = await pruneDeploys(dir, 5);
    expect(removed.sort()).toEqual(ids.slice(1, 3).sort());
    expect((await listDeploys(dir)).map((meta) => meta.id)).toEqual([ids[0], ...ids.slice(3)]);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('pruning while another publication runs', () => {
  it('removes only the leftovers of runs that are over, never the running build’s work', async () => {
    const dir = tempDeploys();
    const live = await addDeploy(dir, 1);
    await switchCurrent(dir, live);
    const running = createDeployId();
    const lock = await acquirePublishLock(dir, { id: running });
    try {
      const crashed = createDeployId(new Date(Date.now() - 1_000));
      for (const name of [`.${running}.partial`, `.${running}.work`, `.${crashed}.partial`, `.${crashed}.work`, '.unknown-tool'])
        mkdirSync(path.join(dir, name));
      // A link being swapped in by a live process, and one left by a process that is gone.
      const gone = Number(
        spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
      );
      symlinkSync(live, path.join(dir, `.current-${process.pid}-abc123`));
      symlinkSync(live, path.join(dir, `.current-${gone}-def456`));
      await pruneDeploys(dir, 5);
      expect((await readdir(dir)).filter((name) => name.startsWith('.')).sort()).toEqual(
        ['.publish.lock', `.${running}.partial`, `.${running}.work`, `.current-${process.pid}-abc123`, '.unknown-tool'].sort(),
      );
    } finally {
      await lock.release();
    }
    // Once the run is over, its folders are leftovers too.
    await pruneDeploys(dir, 5);
    expect((await readdir(dir)).filter((name) => name.startsWith('.')).sort()).toEqual(
      [`.current-${process.pid}-abc123`, '.unknown-tool'].sort(),
    );
  });
});

describe('npm run rollback', () => {
  it('goes back one deploy per run, and to a named one', async () => {
    const dir = tempDeploys();
    const ids = [await addDeploy(dir, 1), await addDeploy(dir, 2), await addDeploy(dir, 3)];
    await switchCurrent(dir, ids[2] as string);
    expect(await rollback(dir)).toEqual({ from: ids[2], to: ids[1] });
    expect(await rollback(dir)).toEqual({ from: ids[1], to: ids[0] });
    await expect(rollback(dir)).rejects.toThrow(/no deploy older/);
    expect(await rollback(dir, ids[2])).toEqual({ from: ids[0], to: ids[2] });
    await expect(rollback(dir, 'nope')).rejects.toThrow(/no complete deploy "nope"/);
  });
});
