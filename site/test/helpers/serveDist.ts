/**
 * A minimal static file server over the fixture build for browser tests: directory URLs serve
 * their index.html, unknown paths the 404 page of their language, as a static host would.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { isLocale } from '@passerelle/content-schemas';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.png': 'image/png',
};

function resolveFile(root: string, urlPath: string): { file: string; status: number } {
  const clean = path.normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
  const candidate = path.join(root, clean);
  if (candidate.startsWith(root) && existsSync(candidate)) {
    if (statSync(candidate).isFile()) return { file: candidate, status: 200 };
    const index = path.join(candidate, 'index.html');
    if (existsSync(index)) return { file: index, status: 200 };
  }
  const language = clean.split('/')[1] ?? '';
  const notFound = isLocale(language) ? path.join(root, language, '404.html') : path.join(root, '404.html');
  return { file: notFound, status: 404 };
}

export async function serveDist(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const { file, status } = resolveFile(root, request.url ?? '/');
    response.writeHead(status, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
