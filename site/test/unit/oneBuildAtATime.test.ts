/**
 * Builds of one site folder take turns (src/integrations/oneBuildAtATime.ts): Astro's
 * `.astro/content-assets.mjs` is shared by every build of the folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { AstroIntegration } from 'astro';
import { afterAll, describe, expect, it } from 'vitest';

import { buildLockFile, oneBuildAtATime } from '../../src/integrations/oneBuildAtATime';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function siteFolder(): URL {
  const folder = mkdtempSync(path.join(tmpdir(), 'passerelle-build-lock-'));
  folders.push(folder);
  return pathToFileURL(`${folder}/`);
}

type Hooks = AstroIntegration['hooks'];
type SetupParameters = Parameters<NonNullable<Hooks['astro:config:setup']>>[0];
type DoneParameters = Parameters<NonNullable<Hooks['astro:build:done']>>[0];

/** An integration's two hooks, called as Astro calls them (only the fields they read are given). */
function build(integration: AstroIntegration, root: URL, log: string[] = [], command = 'build') {
  return {
    setUp: () =>
      integration.hooks['astro:config:setup']?.({
        command,
        config: { root },
        logger: { info: (line: string) => log.push(line) },
      } as unknown as SetupParameters),
    done: () => integration.hooks['astro:build:done']?.({} as DoneParameters),
  };
}

describe('one build at a time in a site folder', () => {
  it('makes a second build wait until the first is done, and says why it waits', async () => {
    const root = siteFolder();
    const events: string[] = [];
    const log: string[] = [];
    const first = build(oneBuildAtATime({ pollMs: 10 }), root);
    const second = build(oneBuildAtATime({ pollMs: 10 }), root, log);
    await first.setUp();
    events.push('first set up');
    const waiting = Promise.resolve(second.setUp()).then(() => events.push('second set up'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    events.push('first done');
    await first.done();
    await waiting;
    expect(events).toEqual(['first set up', 'first done', 'second set up']);
    expect(log).toEqual([
      expect.stringMatching(/^waiting for another build of this site folder to end \(astro build \(pid \d+\), since /),
    ]);
    await second.done();
    expect(existsSync(buildLockFile(root))).toBe(false);
  });

  it('takes over the lock of a build whose process died', async () => {
    const root = siteFolder();
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
    );
    mkdirSync(path.dirname(buildLockFile(root)), { recursive: true });
    writeFileSync(
      buildLockFile(root),
      JSON.stringify({
        id: 'astro build (pid x)',
        pid: dead,
        host: hostname(),
        startedAt: new Date().toISOString(),
        token: 'gone',
      }),
    );
    const log: string[] = [];
    const next = build(oneBuildAtATime({ waitMs: 0 }), root, log);
    await next.setUp();
    expect(log).toEqual([]);
    await next.done();
  });

  it('fails past its wait naming the build that holds the folder', async () => {
    const root = siteFolder();
    const holder = build(oneBuildAtATime(), root);
    await holder.setUp();
    await expect(build(oneBuildAtATime({ waitMs: 50, pollMs: 10 }), root).setUp()).rejects.toThrow(
      /build\.lock is held by astro build \(pid \d+\)/,
    );
    await holder.done();
  });

  it('leaves the dev server and `astro sync` alone', async () => {
    const root = siteFolder();
    const holder = build(oneBuildAtATime(), root);
    await holder.setUp();
    for (const command of ['dev', 'sync', 'preview']) await build(oneBuildAtATime({ waitMs: 0 }), root, [], command).setUp();
    await holder.done();
  });
});
