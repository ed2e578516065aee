/**
 * Supply chain: which dependencies may run install scripts, which Node.js versions the locked
 * dependencies accept, and proof that undici 8 (Node ≥ 22.19 only, pulled in by Astro through
 * unifont) is never loaded by our build on the Node 20 our machines run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { fixtureSnapshotDir, repositoryRoot } from '@passerelle/content-schemas/repository';

const semver = createRequire(import.meta.url)('semver') as {
  satisfies: (version: string, range: string) => boolean;
  minVersion: (range: string) => { version: string } | null;
};

const root = repositoryRoot;
type LockEntry = { version?: string; hasInstallScript?: boolean; optional?: boolean; engines?: { node?: string } };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const packageName = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** undici 8 needs Node ≥ 22.19; unifont imports it only to honour HTTP(S)_PROXY when Astro's fonts API is used, which we do not. */
const knownUnloaded = ['node_modules/unifont/node_modules/undici'];

describe('install scripts', () => {
  it('every locked package with an install script is covered by the allowScripts policy', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([key, entry]) => key && entry.hasInstallScript)
      .map(([key]) => packageName(key));
    expect(withScripts).toEqual(expect.arrayContaining(['esbuild', 'sharp']));
    const policy = manifest.allowScripts ?? {};
    const uncovered = withScripts.filter(
      (name) => !Object.keys(policy).some((entry) => entry === name || entry.startsWith(`${name}@`)),
    );
    expect(uncovered).toEqual([]);
    // esbuild installs its platform binary, sharp checks its prebuilt libvips: both are needed.
    expect(policy).toMatchObject({ esbuild: true, sharp: true });
  });
});

describe('Node.js versions', () => {
  const lowest = [...manifest.engines.node.matchAll(/\^(\d+\.\d+\.\d+)/g)].map((match) => match[1] ?? '');

  it('the engines range names the oldest release of each supported line', () => {
    expect(lowest.map((version) => Number(version.split('.')[0]))).toEqual([20, 22, 24]);
  });

  it('every locked dependency accepts the oldest release of each supported line', () => {
    const refusing = Object.entries(lock.packages).flatMap(([key, entry]) => {
      const range = entry.engines?.node;
      if (!key || !range || entry.optional || knownUnloaded.includes(key)) return [];
      return lowest
        .filter((version) => !semver.satisfies(version, range))
        .map((version) => `${key}@${entry.version} (${range}) refuses Node ${version}`);
    });
    expect(refusing).toEqual([]);
  });

  it('the only exception is undici 8, under unifont', () => {
    for (const key of knownUnloaded) {
      expect(lock.packages[key]?.version, key).toMatch(/^8\./);
      expect(semver.satisfies('20.19.5', lock.packages[key]?.engines?.node ?? '*')).toBe(false);
    }
    // unifont imports it in one place: the proxy set-up of createUnifont.
    const unifont = readFileSync(createRequire(path.join(root, 'node_modules/astro/package.json')).resolve('unifont'), 'utf8');
    expect(unifont.match(/import\("undici"\)/g)).toHaveLength(1);
  });
});

describe('undici 8 is never loaded by our build', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'passerelle-undici-'));
  const log = path.join(work, 'resolved.log');
  writeFileSync(
    path.join(work, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const result = await next(specifier, context);',
      "  if (result.url.includes('/node_modules/undici/')) appendFileSync(process.env.UNDICI_LOG, `${result.url}\\n`);",
      '  return result;',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    path.join(work, 'register.mjs'),
    "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
  );
  // The worst case: a proxy variable set, which is what makes unifont import undici.
  const env = {
    ...process.env,
    UNDICI_LOG: log,
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NODE_OPTIONS: `--import=${pathToFileURL(path.join(work, 'register.mjs')).href}`,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const resolvedUndici = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the probe sees undici 8 when Astro’s fonts API would load it (control)', async () => {
    await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', "await (await import('unifont')).createUnifont([])"],
      {
        cwd: root,
        env,
      },
    );
    expect(resolvedUndici().some((url) => url.includes('/unifont/node_modules/undici/'))).toBe(true);
    rmSync(log, { force: true });
  });

  it('Astro loading our site configuration, integrations and content loaders imports no undici', async () => {
    const site = path.join(root, 'site');
    const astro = path.join(root, 'node_modules/.bin/astro');
    await promisify(execFile)(astro, ['sync'], {
      cwd: site,
      env: { ...env, SNAPSHOT_DIR: fixtureSnapshotDir, CMS_URL: '' },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(resolvedUndici()).toEqual([]);
  });

  it('our site configuration does not turn on Astro’s fonts API, the only way to createUnifont', () => {
    const config = readFileSync(path.join(root, 'site/astro.config.ts'), 'utf8');
    expect(config).not.toMatch(/\bfonts\s*:/);
  });
});
