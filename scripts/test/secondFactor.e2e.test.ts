/**
 * The admin's two-factor login in Chromium, on a built admin (`next start`, production mode)
 * with its own throw-away database: an admin without the second factor is refused, enrols from
 * the login page (QR code and key drawn by the CMS), then signs in with a code. Also checks the
 * admin's anti-framing and HSTS headers, and that `next start` refuses to start in production
 * without PAYLOAD_PUBLIC_SERVER_URL. Needs the admin build (`npm run build -w @passerelle/cms`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repositoryRoot } from '@passerelle/content-schemas/repository';
import { currentTotpCode } from '@passerelle/cms/auth/totp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium } from '../src/browser';
import { isPortTaken, run, stop, waitForUrl } from '../src/processes';
import { ensureAdminBuild } from './helpers/cmsFixtures';

const cmsDir = path.join(repositoryRoot, 'cms');
const port = 3340;
const cmsUrl = `http://localhost:${port}`;
const email = 'admin-2fa@example.test';
const password = 'une phrase assez longue';

let dataDir: string;
let cms: ChildProcess | undefined;
let output = '';
let browser: Browser;

function baseEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URI: `file:${path.join(dataDir, 'cms.db')}`,
    MEDIA_DIR: path.join(dataDir, 'media'),
    PAYLOAD_SECRET: 'secret-for-the-second-factor-test',
    PAYLOAD_JOBS_AUTORUN: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

beforeAll(async () => {
  if (await isPortTaken(port)) throw new Error(`port ${port} is taken`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-2fa-'));
  // Built (or replayed from turbo's cache) when cms/ changed since the build in place.
  await ensureAdminBuild(baseEnv());
  // Schema and one admin, through the Local API outside production (which pushes the schema).
  const script = [
    "import { getPayload } from 'payload';",
    "const { default: config } = await import('./src/payload.config');",
    'const payload = await getPayload({ config });',
    `await payload.create({ collection: 'users', data: { email: '${email}', name: 'Admin', password: '${password}', roles: ['admin'], languages: [] }, context: { skipRebuild: true } });`,
    'process.exit(0);',
  ].join('\n');
  await run('npx', ['tsx', '--input-type=module', '-e', script], {
    cwd: cmsDir,
    env: { ...baseEnv(), NODE_ENV: 'development' },
    label: 'setup',
    // Node 20 may end a tsx start with code 13 before the script has run a line: run it again.
    retriesOnUnsettledStart: 2,
  });

  cms = spawn('npx', ['next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: cmsDir,
    env: { ...baseEnv(), PAYLOAD_PUBLIC_SERVER_URL: cmsUrl, TOTP_REQUIRED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stop() ends the server under npx too.
    detached: true,
  });
  cms.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cms.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForUrl(`${cmsUrl}/api/users/me`, { timeoutMs: 5 * 60_000 });
  browser = await launchChromium();
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  if (cms) await stop(cms);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the admin with two-factor authentication', () => {
  it('sends anti-framing and HSTS headers', async () => {
    const response = await fetch(`${cmsUrl}/admin/login`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it(
    'refuses an admin without it, lets them enrol from the login page, then signs them in with a code',
    { timeout: 5 * 60_000 },
    async () => {
      const page = await browser.newPage();
      await page.goto(`${cmsUrl}/admin/login`);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      await page.locator('button[type="submit"]').click();
      await page.getByText('La double authentification est obligatoire').first().waitFor({ timeout: 60_000 });
      expect(page.url()).toContain('/admin/login');

      await page.getByText('Activer la double authentification', { exact: true }).click();
      await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
      await page.getByLabel('Mot de passe', { exact: true }).last().fill(password);
      await page.getByRole('button', { name: 'Afficher le code QR' }).click();
      const qr = page.getByAltText('Code QR d’activation de la double authentification');
      await qr.waitFor({ timeout: 60_000 });
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
      const key = (await page.locator('details code').innerText()).replace(/\s+/g, '');
      expect(key).toMatch(/^[A-Z2-7]{32}$/);
      // Our part of the login page (code field, enrolment with its QR code) has no axe violation.
      await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
      const violations = await page.evaluate(async () => {
        type Results = { violations: { id: string; nodes: { target: unknown }[] }[] };
        const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<Results> } }).axe;
        const ours = document.getElementById('passerelle-totp-code')!.closest('div')!.parentElement!;
        const values = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
        const result = await axe.run(ours, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
        return result.violations.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
        );
      });
      expect(violations).toEqual([]);

      await page.getByLabel('Code de double authentification (6 chiffres)').fill(currentTotpCode(key));
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.includes('/login'), { timeout: 60_000 });
      await page.getByRole('link', { name: 'Fiches' }).first().waitFor({ timeout: 60_000 });
      await page.close();
    },
  );

  it('refuses to start in production without PAYLOAD_PUBLIC_SERVER_URL, in one line', async () => {
    const env = { ...baseEnv() };
    delete env.PAYLOAD_PUBLIC_SERVER_URL;
    const child = spawn('npx', ['next', 'start', '--port', String(port + 1), '--hostname', '127.0.0.1'], {
      cwd: cmsDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^CMS: PAYLOAD_PUBLIC_SERVER_URL is required when NODE_ENV=production: [^\n]+$/);
  });
});
