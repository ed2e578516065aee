/**
 * The README's first command, for real: `npm start` on a brand-new database builds, seeds and
 * serves the product — the site from a first deploy, with the CDN's headers; the admin shows its
 * login page in Chromium; Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repositoryRoot as repoRoot } from '@passerelle/content-schemas/repository';
import { developmentPassword } from '@passerelle/cms/seed/users';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isPortTaken } from '../src/processes';
import { launchChromium } from '../src/browser';

const cmsPort = 3310;
const sitePort = 4331;
const cmsUrl = `http://localhost:${cmsPort}`;

let dataDir: string;
let start: ChildProcess;
let output = '';
let browser: Browser;

function waitForOutput(text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`"${text}" not printed within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)),
      timeoutMs,
    );
    const check = () => {
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    start.stdout?.on('data', check);
    start.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before printing "${text}":\n${output.slice(-3000)}`));
    });
    check();
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-start-'));
  start = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URI: `file:${path.join(dataDir, 'passerelle.db')}`,
      MEDIA_DIR: path.join(dataDir, 'media'),
      SNAPSHOT_DIR: path.join(dataDir, 'snapshot'),
      DEPLOYS_DIR: path.join(dataDir, 'deploys'),
      CMS_PORT: String(cmsPort),
      SITE_PORT: String(sitePort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a terminal's foreground job, so Ctrl-C can be sent to the group.
    detached: true,
  });
  start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForOutput('Press Ctrl-C to stop.', 12 * 60_000);
  browser = await launchChromium();
}, 13 * 60_000);

afterAll(async () => {
  await browser?.close();
  // If a test failed before Ctrl-C was tested, still stop the CMS it started (its own group).
  if (start?.pid && start.exitCode === null && start.signalCode === null) {
    const exited = new Promise((resolve) => start.once('exit', resolve));
    process.kill(-start.pid, 'SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (start.exitCode === null) process.kill(-start.pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on a fresh database', () => {
  it('prints the URLs and the development logins', () => {
    expect(output).toContain(`${cmsUrl}/admin`);
    expect(output).toContain('editor@passerelle.test');
    expect(output).toContain('seed: fiches: 30 (30 new)');
  });

  it('serves published fiches in Arabic from the REST API', async () => {
    const response = await fetch(`${cmsUrl}/api/fiches?locale=ar&limit=100`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { totalDocs: number; docs: { title: string }[] };
    expect(body.totalDocs).toBeGreaterThanOrEqual(24);
    expect(body.docs.every((fiche) => /[\u0600-\u06FF]/.test(fiche.title))).toBe(true);
  });

  it('serves the first deploy of the site, with its security headers, compressed', async () => {
    expect(output).toContain(`Public site:   http://localhost:${sitePort}/`);
    const response = await fetch(`http://localhost:${sitePort}/fr/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
    expect(readlinkSync(path.join(dataDir, 'deploys', 'current'))).toMatch(/^\d{8}-\d{6}-\d{3}-[0-9a-f]{4}$/);
  });

  it('renders the admin login page in French, and the editor gets in', async () => {
    const page = await browser.newPage();
    await page.goto(`${cmsUrl}/admin`);
    await page.waitForURL(/\/admin\/login/, { timeout: 60_000 });
    const email = page.locator('input[name="email"]');
    await expect(email.isVisible()).resolves.toBe(true);
    await expect(page.locator('input[name="password"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await email.fill('editor@passerelle.test');
    await page.locator('input[name="password"]').fill(developmentPassword);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/login'), { timeout: 60_000 });
    await expect(page.getByRole('link', { name: 'Fiches' }).first().isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('stops every process on Ctrl-C', async () => {
    const exited = new Promise<void>((resolve) => start.once('exit', () => resolve()));
    // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
    process.kill(-(start.pid as number), 'SIGINT');
    await exited;
    expect(output).toContain('npm start: stopping');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await isPortTaken(cmsPort)).toBe(false);
    expect(await isPortTaken(sitePort)).toBe(false);
  });
});
