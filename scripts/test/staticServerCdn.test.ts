/**
 * The local server behaves like the CDN: it applies the live deploy's `_headers` and
 * `_redirects`, revalidates with ETags, and follows `deploys/current` as it is switched.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { contentSecurityPolicy, formatHeaders, headerRules } from '../src/cdnRules';
import { createStaticServer } from '../src/staticServer';

let deploys: string;
let base: string;
let close: () => void;

function writeDeploy(name: string, title: string): void {
  const root = path.join(deploys, name);
  for (const dir of ['fr/demarches/carte-vitale', 'en', 'f/ezd264', '_astro'])
    mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), `<title>${title}</title>`);
  writeFileSync(path.join(root, 'fr/demarches/carte-vitale/index.html'), `<h1>${title}</h1>`);
  writeFileSync(path.join(root, 'f/ezd264/index.html'), 'choose a language');
  writeFileSync(path.join(root, 'en/index.html'), 'home');
  writeFileSync(path.join(root, 'fr/index.html'), 'accueil');
  writeFileSync(path.join(root, 'fr/404.html'), 'introuvable');
  writeFileSync(path.join(root, '_astro/site.abc.css'), 'p{}');
  writeFileSync(
    path.join(root, '_headers'),
    [
      '/*',
      '  X-Frame-Options: DENY',
      "  Content-Security-Policy: default-src 'self'",
      '/fr/*',
      '  Cache-Control: public, max-age=60, must-revalidate',
      '/_astro/*',
      '  Cache-Control: public, max-age=31536000, immutable',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, '_redirects'),
    [
      '/fr/demarches/ancienne-adresse/  /fr/demarches/carte-vitale/  301',
      '/f/ezd264  /en/demarches/carte-vitale/  302!  Language=en',
      '/  /en/  302!  Language=en',
      '/fr/*  /fr/404.html  404',
      '',
    ].join('\n'),
  );
}

function switchTo(name: string): void {
  symlinkSync(name, path.join(deploys, '.next-link'));
  renameSync(path.join(deploys, '.next-link'), path.join(deploys, 'current'));
}

beforeAll(async () => {
  deploys = mkdtempSync(path.join(tmpdir(), 'passerelle-served-'));
  writeDeploy('a', 'Version A');
  writeDeploy('b', 'Version B');
  const server = createStaticServer({ root: () => path.join(deploys, 'current') });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  rmSync(deploys, { recursive: true, force: true });
});

describe('the local server, like the CDN', () => {
  it('answers 503 until a first deploy is live', async () => {
    expect((await fetch(`${base}/`)).status).toBe(503);
    switchTo('a');
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it('applies the deploy’s _headers', async () => {
    const page = await fetch(`${base}/fr/demarches/carte-vitale/`);
    expect(page.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${base}/_astro/site.abc.css`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('applies the deploy’s _redirects: former addresses, language conditions, 404 pages', async () => {
    const moved = await fetch(`${base}/fr/demarches/ancienne-adresse/`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/fr/demarches/carte-vitale/');
    const english = await fetch(`${base}/f/ezd264`, { redirect: 'manual', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect([english.status, english.headers.get('location')]).toEqual([302, '/en/demarches/carte-vitale/']);
    const other = await fetch(`${base}/f/ezd264`, { redirect: 'manual', headers: { 'accept-language': 'de' } });
    expect([other.status, other.headers.get('location')]).toEqual([301, '/f/ezd264/']);
    const root = await fetch(`${base}/?utm=x`, { redirect: 'manual', headers: { 'accept-language': 'en' } });
    expect([root.status, root.headers.get('location'), root.headers.get('vary')]).toEqual([302, '/en/?utm=x', 'accept-language']);
    const missing = await fetch(`${base}/fr/nulle-part/`);
    expect([missing.status, await missing.text()]).toEqual([404, 'introuvable']);
  });

  it('never serves its configuration files', async () => {
    expect((await fetch(`${base}/_headers`)).status).toBe(404);
    expect((await fetch(`${base}/_redirects`)).status).toBe(404);
  });

  it('revalidates with an ETag', async () => {
    const first = await fetch(`${base}/fr/demarches/carte-vitale/`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${base}/fr/demarches/carte-vitale/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the new deploy as soon as `current` is switched', async () => {
    switchTo('b');
    expect(await (await fetch(`${base}/fr/demarches/carte-vitale/`)).text()).toBe('<h1>Version B</h1>');
    switchTo('a');
    expect(await (await fetch(`${base}/fr/demarches/carte-vitale/`)).text()).toBe('<h1>Version A</h1>');
  });
});

/** Sends the request line exactly as written: `fetch` would normalise the path first. */
function rawGet(pathname: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path: pathname, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the local server, with addresses written to trick it', () => {
  it.each([
    ['/.//evil.example/..%2Ffr/demarches/carte-vitale', '/fr/demarches/carte-vitale/'],
    ['//evil.example/..%2Ffr/demarches/carte-vitale', '/fr/demarches/carte-vitale/'],
    ['/\\evil.example/..%2Ffr/demarches/carte-vitale?x=1', '/fr/demarches/carte-vitale/?x=1'],
  ])('%s redirects to a path of this site, never to another host', async (pathname, location) => {
    const response = await rawGet(pathname);
    expect([response.status, response.headers.location]).toEqual([301, location]);
  });

  it('the address of the review (`/.//evil.example/..%2Ffr`) sends nobody elsewhere', async () => {
    const response = await rawGet('/.//evil.example/..%2Ffr');
    const location = response.headers.location ?? '/';
    expect(location).toMatch(/^\/(?![/\\])/);
    expect(location).not.toContain('evil.example');
  });

  it.each(['/%66r/demarches/carte-vitale/', '/fr/./demarches//carte-vitale/', '/fr/x/../demarches/carte-vitale/'])(
    '%s gets the same security and cache headers as its plain spelling',
    async (pathname) => {
      const response = await rawGet(pathname);
      expect(response.status).toBe(200);
      expect(response.headers['content-security-policy']).toBe("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    },
  );

  it.each(['/_headers/', '/_redirects/', '/%5Fheaders', '/./_redirects', '//_headers', '/fr/../_redirects', '/_redirects?x'])(
    '%s never serves a configuration file',
    async (pathname) => {
      const response = await rawGet(pathname);
      expect(response.status).toBe(404);
      expect(response.body).not.toMatch(/Content-Security-Policy|ancienne-adresse/);
    },
  );

  it.each(['/%E0%A4%A', '/fr/%', '/fr/%zz/', '/%00/'])('%s is a bad request (400), not a server error', async (pathname) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await rawGet(pathname);
      expect(response.status).toBe(400);
      expect(response.body).not.toMatch(/at .*\.ts:\d+|URIError/);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the local server with the generated _headers: embed lists framable, nothing else', () => {
  let root: string;
  let url: string;
  let stop: () => void;
  const embedFiles = [
    'embed/index.html',
    'embed/fr/tous/index.html',
    'embed/ar/health/index.html',
    'fr/index.html',
    'fr/flux.xml',
    '404.html',
  ];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'passerelle-embed-'));
    for (const file of embedFiles) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), `<p>${file}</p>`);
    }
    writeFileSync(path.join(root, '_headers'), formatHeaders(headerRules(embedFiles, contentSecurityPolicy())));
    const server = createStaticServer({ root: () => root });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
    stop = () => server.close();
  });

  afterAll(() => {
    stop();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['/embed/fr/tous/', '/embed/ar/health/?departement=31'])('%s may be framed by any site', async (pathname) => {
    const response = await fetch(`${url}${pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(response.headers.get('content-security-policy')).not.toContain("'none', ");
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it.each(['/embed/', '/fr/', '/fr/flux.xml', '/'])('%s refuses to be framed', async (pathname) => {
    const response = await fetch(`${url}${pathname}`);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'$/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
