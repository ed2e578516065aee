import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

const compressible = /^(text\/|application\/(json|xml|javascript|manifest\+json|wasm)|image\/svg\+xml)/;

export type StaticServerOptions = {
  /** Directory served at `/`; read on every request so an atomic switch of it takes effect at once. */
  root: () => string;
};

/**
 * Serves a built static site the way a CDN would: `index.html` for directories, the
 * language's 404 page for unknown paths, brotli or gzip when the client accepts it.
 */
export function createStaticServer({ root }: StaticServerOptions): Server {
  const cache = new Map<string, { mtimeMs: number; encoded: Buffer }>();

  async function send(request: IncomingMessage, response: ServerResponse, file: string, status = 200): Promise<void> {
    const info = await stat(file);
    const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    response.setHeader('content-type', type);
    response.setHeader('x-content-type-options', 'nosniff');
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = compressible.test(type) ? (/\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null) : null;
    if (encoding) {
      const key = `${encoding}:${file}`;
      let entry = cache.get(key);
      if (!entry || entry.mtimeMs !== info.mtimeMs) {
        const raw = await readFile(file);
        const encoded =
          encoding === 'br'
            ? brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
            : gzipSync(raw, { level: 9 });
        entry = { mtimeMs: info.mtimeMs, encoded };
        cache.set(key, entry);
      }
      response.writeHead(status, { 'content-encoding': encoding, 'content-length': entry.encoded.length, vary: 'accept-encoding' });
      response.end(request.method === 'HEAD' ? undefined : entry.encoded);
      return;
    }
    response.writeHead(status, { 'content-length': info.size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  }

  return createServer(async (request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const base = path.resolve(root());
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const target = path.resolve(base, `.${pathname}`);
      if (target !== base && !target.startsWith(base + path.sep)) {
        response.writeHead(400).end();
        return;
      }
      const index = await resolveFile(path.join(target, 'index.html'));
      if (index && !pathname.endsWith('/')) {
        // Relative URLs in the page only work from the directory's canonical, slashed URL.
        response.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      const file = index ?? (await resolveFile(target));
      if (file) {
        await send(request, response, file);
        return;
      }
      const language = pathname.split('/')[1] ?? '';
      const notFound = (await resolveFile(path.join(base, language, '404.html'))) ?? (await resolveFile(path.join(base, '404.html')));
      if (notFound) await send(request, response, notFound, 404);
      else response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Server error');
      console.error(error);
    }
  });
}

async function resolveFile(candidate: string): Promise<string | undefined> {
  try {
    return (await stat(candidate)).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}
