/**
 * The publish pipeline for real, on one `npm start` (its own ports, database and deploys):
 * an editor publishes in the admin (Chromium) and the served page changes; a killed build
 * leaves the live site as it was; a burst of ten publications makes at most two builds and the
 * last content (with a slug change) goes live; the CMS restarted with a build in the queue
 * still runs it. Search is checked once the site ships a Pagefind bundle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repositoryRoot as repoRoot } from '@passerelle/content-schemas/repository';
import { developmentPassword } from '@passerelle/cms/seed/users';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { groupAlive, isPortTaken } from '../src/processes';
import { launchChromium } from '../src/browser';
import { copySeededDatabase } from './helpers/cmsFixtures';

const cmsPort = 3320;
const sitePort = 4340;
const cmsUrl = `http://localhost:${cmsPort}`;
const siteUrl = `http://localhost:${sitePort}`;

let dataDir: string;
let deploysDir: string;
let product: { child: ChildProcess; output: string } | undefined;
let browser: Browser;
let token: string;
let fiche: { id: string; slug: string; shortId: string; title: string };
/** The title the admin test publishes; the rollback test puts the version before it back. */
let titleFromTheAdmin = '';

function startProduct(): Promise<void> {
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URI: `file:${path.join(dataDir, 'passerelle.db')}`,
      MEDIA_DIR: path.join(dataDir, 'media'),
      DEPLOYS_DIR: deploysDir,
      CMS_PORT: String(cmsPort),
      SITE_PORT: String(sitePort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const started = { child, output: '' };
  product = started;
  child.stdout?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start not ready within 12 min:\n${started.output.slice(-3000)}`)),
      12 * 60_000,
    );
    const check = () => {
      if (started.output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}):\n${started.output.slice(-3000)}`));
    });
  });
}

/** Ctrl-C, as a terminal sends it to the foreground process group. */
async function stopProduct(): Promise<void> {
  const child = product?.child;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGINT');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  // npm start can exit while the servers under it still close their ports: wait for the whole group.
  const deadline = Date.now() + 30_000;
  while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
}

async function api<T = any>(method: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${cmsUrl}/api${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

type BuildDoc = {
  id: string;
  status: string;
  reason?: string;
  phase?: string;
  trigger?: string;
  requestCount?: number;
  createdAt: string;
};

async function builds(): Promise<BuildDoc[]> {
  return (await api<{ docs: BuildDoc[] }>('GET', '/builds?limit=50&sort=createdAt&depth=0')).docs;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 4 * 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${product?.output.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function sitePage(pathname: string): Promise<{ status: number; text: string; location: string | null }> {
  const response = await fetch(`${siteUrl}${pathname}`, { redirect: 'manual', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

const ficheUrl = (slug: string) => `/fr/demarches/${slug}/`;
const live = () => readlinkSync(path.join(deploysDir, 'current'));
const settled = async () => {
  const all = await builds();
  return all.every((build) => !['queued', 'running'].includes(build.status)) ? all : undefined;
};

async function publishTitle(title: string, extra: Record<string, unknown> = {}): Promise<void> {
  await api('PATCH', `/fiches/${fiche.id}?locale=fr`, { title, _status: 'published', ...extra });
}

beforeAll(async () => {
  for (const port of [cmsPort, sitePort]) if (await isPortTaken(port)) throw new Error(`port ${port} is taken`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-publish-e2e-'));
  deploysDir = path.join(dataDir, 'deploys');
  // The sample content seeded once for the end-to-end suites: `npm start` finds it and skips its
  // own seed (start.e2e covers a brand-new database).
  await copySeededDatabase(dataDir);
  await startProduct();
  const login = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'editor@passerelle.test', password: developmentPassword }),
  });
  token = ((await login.json()) as { token: string }).token;
  const found = await api<{ docs: (typeof fiche)[] }>('GET', '/fiches?where[slug][equals]=carte-vitale&depth=0&locale=fr');
  fiche = found.docs[0] as typeof fiche;
  browser = await launchChromium();
}, 13 * 60_000);

afterAll(async () => {
  await browser?.close();
  await stopProduct();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('publishing on npm start', () => {
  it('made a first build, served with the CDN headers', async () => {
    const [first] = await builds();
    expect(first).toMatchObject({ status: 'succeeded', trigger: 'Premier démarrage : construction du site' });
    const response = await fetch(`${siteUrl}${ficheUrl('carte-vitale')}`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
  });

  it(
    'an editor changes a French title in the admin and publishes: the served page shows it within seconds',
    { timeout: 5 * 60_000 },
    async () => {
      const marker = `zephyr${Date.now().toString(36)}`;
      const title = `Obtenir sa carte Vitale ${marker}`;
      titleFromTheAdmin = title;
      const page = await browser.newPage();
      await page.goto(`${cmsUrl}/admin/login`);
      await page.locator('input[name="email"]').fill('editor@passerelle.test');
      await page.locator('input[name="password"]').fill(developmentPassword);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.includes('/login'), { timeout: 60_000 });
      await page.goto(`${cmsUrl}/admin/collections/fiches/${fiche.id}`);
      const field = page.locator('#field-title');
      await field.waitFor({ timeout: 60_000 });
      await field.fill(title);
      const publish = page.locator('#action-save');
      await expect(publish.isEnabled({ timeout: 30_000 })).resolves.toBe(true);
      const clicked = Date.now();
      await publish.click();
      await until(
        'the new title on the site',
        async () => (await sitePage(ficheUrl('carte-vitale'))).text.includes(title) || undefined,
        3 * 60_000,
      );
      console.log(`publish → live: ${((Date.now() - clicked) / 1000).toFixed(1)} s`);

      // The admin says so, in French.
      await expect(page.locator('.passerelle-build-status').textContent({ timeout: 30_000 })).resolves.toMatch(
        /Site public à jour|Publication/,
      );
      await page.close();

      // Search finds it, once the site ships Pagefind.
      if ((await fetch(`${siteUrl}/pagefind/pagefind.js`)).ok) {
        const sitePageTab = await browser.newPage();
        await sitePageTab.goto(`${siteUrl}/fr/`);
        // A string, so the test runner leaves the browser's own dynamic import alone.
        const urls = (await sitePageTab.evaluate(`(async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search(${JSON.stringify(marker)});
        return Promise.all(search.results.slice(0, 5).map(async (result) => (await result.data()).url));
      })()`)) as string[];
        expect(urls.some((url) => url.includes('/demarches/carte-vitale/'))).toBe(true);
        await sitePageTab.close();
      }
    },
  );

  it(
    'an editor puts the first version back online from its Builds record, after a confirmation',
    { timeout: 4 * 60_000 },
    async () => {
      await until('no build in progress', settled);
      const [first] = await builds();
      const before = live();
      expect((await sitePage(ficheUrl('carte-vitale'))).text).toContain(titleFromTheAdmin);
      const page = await browser.newPage();
      await page.goto(`${cmsUrl}/admin/login`);
      await page.locator('input[name="email"]').fill('editor@passerelle.test');
      await page.locator('input[name="password"]').fill(developmentPassword);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.includes('/login'), { timeout: 60_000 });
      await page.goto(`${cmsUrl}/admin/collections/builds/${first!.id}`);
      await page.getByRole('button', { name: 'Remettre cette version en ligne' }).click();
      await page.getByRole('button', { name: 'Confirmer la remise en ligne' }).click();
      const done = page.locator('p[role="status"]', { hasText: 'est de nouveau en ligne' });
      await done.waitFor({ timeout: 2 * 60_000 });
      await page.close();
      // The first build's deploy is live again, and the title published since is gone from the site.
      expect(live()).not.toBe(before);
      expect((await sitePage(ficheUrl('carte-vitale'))).text).not.toContain(titleFromTheAdmin);
      const recorded = (await builds()).at(-1) as BuildDoc & { kind?: string };
      expect(recorded.kind).toBe('rollback');
      expect(recorded.status).toBe('succeeded');
    },
  );

  it(
    'a build killed mid-way leaves the live site unchanged and is recorded as failed, in French',
    { timeout: 5 * 60_000 },
    async () => {
      await until('no build in progress', settled);
      const before = live();
      const liveText = (await sitePage(ficheUrl('carte-vitale'))).text;
      await publishTitle('Titre qui ne sera jamais en ligne');
      // The Astro process of this product's build: its environment names our deploys folder.
      const pid = await until(
        'the site build process',
        async () => {
          for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
            try {
              const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
              const environment = readFileSync(`/proc/${entry}/environ`, 'utf8');
              if (command.includes('astro') && command.includes('build') && environment.includes(`SNAPSHOT_DIR=${deploysDir}`))
                return Number(entry);
            } catch {
              // gone meanwhile, or not ours
            }
          }
          return undefined;
        },
        2 * 60_000,
        100,
      );
      process.kill(pid, 'SIGKILL');
      const failed = await until('the failed build', async () => (await settled())?.at(-1));
      expect(failed.status).toBe('failed');
      expect(failed.reason).toMatch(/^La construction du site a échoué : /);
      expect(live()).toBe(before);
      expect((await sitePage(ficheUrl('carte-vitale'))).text).toBe(liveText);
    },
  );

  it(
    'ten publications in a burst make at most two builds; the last content goes live, the old slug redirects',
    { timeout: 6 * 60_000 },
    async () => {
      const before = new Set((await builds()).map((build) => build.id));
      for (let index = 1; index <= 10; index += 1) {
        await publishTitle(`Carte Vitale, rafale ${index}`, index === 10 ? { slug: 'carte-vitale-rafale' } : {});
      }
      const all = await until('the burst to be published', settled);
      const burst = all.filter((build) => !before.has(build.id));
      expect(burst.length).toBeGreaterThanOrEqual(1);
      expect(burst.length).toBeLessThanOrEqual(2);
      expect(burst.reduce((sum, build) => sum + (build.requestCount ?? 1), 0)).toBe(10);
      expect(burst.at(-1)?.status).toBe('succeeded');

      const moved = await sitePage(ficheUrl('carte-vitale-rafale'));
      expect(moved.status).toBe(200);
      expect(moved.text).toContain('Carte Vitale, rafale 10');
      const old = await sitePage(ficheUrl('carte-vitale'));
      expect([old.status, old.location]).toEqual([301, ficheUrl('carte-vitale-rafale')]);
      const shortLink = await sitePage(`/f/${fiche.shortId}`);
      expect([shortLink.status, shortLink.location]).toEqual([302, ficheUrl('carte-vitale-rafale')]);
      const capitals = await sitePage(`/f/${fiche.shortId.toUpperCase()}`);
      expect([capitals.status, capitals.location]).toEqual([301, `/f/${fiche.shortId}/`]);
    },
  );

  it('a CMS restarted with a build waiting in the queue still runs it', { timeout: 8 * 60_000 }, async () => {
    await publishTitle('Avant le redémarrage (1)');
    await until('a build running', async () => (await builds()).find((build) => build.status === 'running'), 60_000);
    await publishTitle('Avant le redémarrage (2)');
    expect((await builds()).filter((build) => ['queued', 'running'].includes(build.status)).map((build) => build.status)).toEqual(
      ['running', 'queued'],
    );

    await stopProduct();
    // The restart below needs both ports; start.e2e checks that Ctrl-C frees them.
    await until('the ports to be free', async () => !(await isPortTaken(cmsPort)) && !(await isPortTaken(sitePort)), 30_000);

    await startProduct();
    expect(product?.output).toContain('serving the live deploy');
    await until(
      'the queued change to go live',
      async () => (await sitePage(ficheUrl('carte-vitale-rafale'))).text.includes('Avant le redémarrage (2)') || undefined,
    );
    const all = await until('every build finished', settled);
    const recent = all.slice(-2);
    expect(recent[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('interrompue') });
    expect(recent[1]).toMatchObject({ status: 'succeeded' });
  });
});
