/**
 * Partner features in Chromium: the embed list filtered by `?departement=` (and whole without
 * JavaScript), the builder's snippet and copy confirmation, that snippet framed by a page of
 * another origin with the CDN rules of scripts/src/cdnRules.ts applied, and axe on the builder
 * and on embed lists in French and Arabic.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sitePaths } from '@passerelle/content-schemas';

import { fixtureFiche } from '../helpers/dist';
import { testDistDir, testSiteUrl } from '../helpers/paths';
import { launchChromium } from '../../../scripts/src/browser';
import { contentSecurityPolicy, formatHeaders, headerRules } from '../../../scripts/src/cdnRules';
import { createStaticServer } from '../../../scripts/src/staticServer';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const permanence = fixtureFiche('permanence-sante-exil'); // département 31
const carteVitale = fixtureFiche('carte-vitale'); // everywhere in France
const complementaire = fixtureFiche('complementaire-sante-solidaire'); // online

let browser: Browser;
let deploy: string;
let site: Server;
let siteUrl: string;
let partner: Server;
let partnerUrl: string;
let partnerPage = '';

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The fixture build served as the CDN serves a deploy: the _headers the publish pipeline writes.
  deploy = mkdtempSync(path.join(tmpdir(), 'passerelle-partners-'));
  const files = readdirSync(testDistDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(testDistDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  for (const entry of readdirSync(testDistDir)) symlinkSync(path.join(testDistDir, entry), path.join(deploy, entry));
  writeFileSync(path.join(deploy, '_headers'), formatHeaders(headerRules(files, contentSecurityPolicy())));
  site = createStaticServer({ root: () => deploy });
  siteUrl = await listen(site, 'localhost');
  // A partner's site on another origin (127.0.0.1 ≠ localhost), serving whatever snippet it is given.
  partner = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerPage);
  });
  partnerUrl = await listen(partner, '127.0.0.1');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await new Promise((resolve) => partner?.close(resolve));
  rmSync(deploy, { recursive: true, force: true });
});

async function open(urlPath: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  const response = await page.goto(`${siteUrl}${urlPath}`);
  expect(response?.status(), urlPath).toBe(200);
  return page;
}

const visibleLinks = (page: Page) =>
  page.locator('li[data-scope]:visible a').evaluateAll((links) => links.map((link) => link.getAttribute('href')).sort());

describe('the embed list', () => {
  it('keeps the fiches of the département plus national and online ones with ?departement=', async () => {
    const page = await open(`${sitePaths.embedList('fr', 'health')}?departement=38`);
    const shown = await visibleLinks(page);
    expect(shown).toContain(sitePaths.fiche('fr', carteVitale));
    expect(shown).toContain(sitePaths.fiche('fr', complementaire));
    expect(shown).not.toContain(sitePaths.fiche('fr', permanence));
    await expect(page.locator('[data-embed-status]').innerText()).resolves.toContain('38');
    await page.context().close();
  });

  it('shows the local fiche in its own département, whatever the case of the code', async () => {
    const page = await open(`${sitePaths.embedList('ar', 'health')}?departement=31`);
    expect(await visibleLinks(page)).toContain(sitePaths.fiche('ar', permanence));
    await page.context().close();
  });

  it('says so when nothing matches', async () => {
    // Family: only a dispositif in Isère (38).
    const page = await open(`${sitePaths.embedList('fr', 'family')}?departement=2a`);
    expect(await visibleLinks(page)).toEqual([]);
    await expect(page.locator('[data-embed-empty]').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('shows the whole theme without JavaScript, even with ?departement=', async () => {
    const page = await open(`${sitePaths.embedList('fr', 'health')}?departement=38`, { javaScriptEnabled: false });
    const shown = await visibleLinks(page);
    expect(shown).toContain(sitePaths.fiche('fr', permanence));
    expect(shown.length).toBe(await page.locator('li[data-scope]').count());
    await page.context().close();
  });

  it('opens a fiche in a new tab', async () => {
    const page = await open(sitePaths.embedList('fr', 'health'));
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.locator('li[data-scope] a').first().click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toMatch(/^\/fr\/(demarches|dispositifs)\//);
    expect(new URL(page.url()).pathname).toBe(sitePaths.embedList('fr', 'health'));
    await page.context().close();
  });
});

describe('the embed builder', () => {
  it('writes the snippet of the choices, copies it and confirms in a status line', async () => {
    const page = await open(sitePaths.embedBuilder());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
    await page.selectOption('#embed-language', 'ar');
    await page.selectOption('#embed-theme', 'health');
    await page.selectOption('#embed-departement', '31');
    const snippet = await page.locator('#embed-snippet').inputValue();
    expect(snippet).toContain(`src="${testSiteUrl}/embed/ar/health/?departement=31"`);
    expect(snippet).toContain('title="بطاقات Passerelle للاجئين"');
    await expect(page.locator('[data-embed-preview]').getAttribute('src')).resolves.toBe('/embed/ar/health/?departement=31');

    await page.getByRole('button', { name: 'Copier le code' }).click();
    await expect(page.locator('[role="status"][data-embed-copy-status]').innerText()).resolves.toBe(
      'Code copié : collez-le dans votre page.',
    );
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(snippet);

    // The copied snippet, on a partner's page of another origin, shows the filtered list.
    partnerPage = `<!doctype html><html lang="fr"><head><title>Association partenaire</title></head><body><h1>Nos ressources</h1>${snippet.replace(testSiteUrl, siteUrl)}</body></html>`;
    const partnerTab = await page.context().newPage();
    await partnerTab.goto(partnerUrl);
    const frame = partnerTab.frameLocator('iframe');
    await expect(frame.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await frame.locator('li[data-scope] a').first().waitFor();
    const shown = await frame
      .locator('li[data-scope]:visible a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(shown).toContain(sitePaths.fiche('ar', permanence));
    await expect(frame.locator('[data-embed-status]').innerText()).resolves.toContain('31');
    await page.context().close();
  });

  it('cannot frame any other page of the site', async () => {
    const page = await (await browser.newContext()).newPage();
    partnerPage = `<!doctype html><html lang="fr"><head><title>Partenaire</title></head><body><iframe src="${siteUrl}${sitePaths.home('fr')}" title="x"></iframe></body></html>`;
    const blocked = new Promise<boolean>((resolve) => {
      page.on('console', (message) => {
        if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) resolve(true);
      });
      setTimeout(() => resolve(false), 5000);
    });
    await page.goto(partnerUrl);
    expect(await blocked).toBe(true);
    // Chromium replaces a refused frame by its own error page, a moment after the console message.
    await expect.poll(() => page.frames()[1]?.url(), { timeout: 5000 }).toMatch(/^chrome-error:/);
    await page.context().close();
  });
});

describe('axe', () => {
  it.each([
    sitePaths.embedBuilder(),
    sitePaths.embedList('fr', 'health'),
    `${sitePaths.embedList('ar')}?departement=31`,
    sitePaths.embedList('fa', 'health'),
  ])('finds no violation on %s', async (urlPath) => {
    const page = await open(urlPath);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return result.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
