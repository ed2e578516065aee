import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createStaticServer } from '../src/staticServer';

let root: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'static-'));
  mkdirSync(path.join(root, 'ar', 'demarches', 'carte-vitale'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Passerelle</title>'.repeat(20));
  writeFileSync(path.join(root, '404.html'), 'not found (fr)');
  writeFileSync(path.join(root, 'ar', '404.html'), 'غير موجود');
  writeFileSync(path.join(root, 'ar', 'demarches', 'carte-vitale', 'index.html'), '<p>بطاقة فيتال</p>');
  writeFileSync(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'outside the site');
  const server = createStaticServer({ root: () => root });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  rmSync(root, { recursive: true, force: true });
});

describe('static server', () => {
  it('serves index.html for a directory, with its content type', async () => {
    const response = await fetch(`${base}/ar/demarches/carte-vitale/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<p>بطاقة فيتال</p>');
  });

  it('redirects a directory without its trailing slash', async () => {
    const response = await fetch(`${base}/ar/demarches/carte-vitale`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/ar/demarches/carte-vitale/');
  });

  it("answers unknown paths with the language's 404 page", async () => {
    const arabic = await fetch(`${base}/ar/nothing-here/`);
    expect(arabic.status).toBe(404);
    expect(await arabic.text()).toBe('غير موجود');
    const other = await fetch(`${base}/uk/nothing-here/`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('not found (fr)');
  });

  it('compresses text with brotli or gzip, as the client accepts, but not images', async () => {
    const { request } = await import('node:http');
    const raw = (encoding: string, pathname: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`${base}${pathname}`, { headers: { 'accept-encoding': encoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const br = await raw('gzip, br', '/');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toContain('<title>Passerelle</title>');
    const gzip = await raw('gzip', '/');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toContain('<title>Passerelle</title>');
    const image = await raw('gzip, br', '/logo.png');
    expect(image.headers['content-encoding']).toBeUndefined();
  });

  it('never serves files outside its root', async () => {
    const response = await fetch(`${base}/..%2fsecret.txt`);
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('outside the site');
  });
});
