import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

import { siteContentType } from '@passerelle/content-schemas';

import { headersFor, matchRedirect, parseHeaders, parseRedirects, type HeaderRule, type RedirectRule } from './cdnRules';

const compressible = /^(text\/|application\/(json|xml|javascript|manifest\+json|wasm)|image\/svg\+xml)/;

export type StaticServerOptions = {
  /**
   * Directory served at `/`, read on every request, so an atomic switch of it (a symbolic link
   * renamed over another) takes effect at once; each request is answered from one deploy only.
   */
  root: () => string;
};

type Rules = { headers: HeaderRule[]; redirects: RedirectRule[]; stamp: string };

/** Files a CDN reads as configuration and never serves. */
const configurationFiles = ['_headers', '_redirects'];

/**
 * Whatever the spelling of the request (`/_redirects/`, `/%5Fheaders`, `/_HEADERS` on a
 * case-insensitive disk), the file it lands on decides: a configuration file is never served.
 */
function isConfigurationFile(base: string, resolved: string): boolean {
  return configurationFiles.some((name) => resolved.toLowerCase() === path.join(base, name).toLowerCase());
}

export type RequestTarget = { pathname: string; search: string } | { error: string };

/**
 * The request's path decoded once and normalised: `%66r` is `fr`, `//` is `/`, `.` and `..`
 * segments are resolved (never above the root). The raw request line is parsed by hand: the URL
 * parser would read `//evil.example/…` or `/\evil.example` as a host.
 */
export function requestTarget(raw: string | undefined): RequestTarget {
  const value = raw ?? '/';
  if (!value.startsWith('/')) return { error: 'Bad request: the path must start with "/".' };
  const queryAt = value.indexOf('?');
  const encoded = queryAt === -1 ? value : value.slice(0, queryAt);
  // Copied into Location headers: anything but printable ASCII is encoded.
  const search = queryAt === -1 ? '' : value.slice(queryAt).replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return { error: 'Bad request: malformed percent-encoding in the path.' };
  }
  // A NUL byte cannot be in a file name; backslashes are slashes to browsers, so to us too.
  if (decoded.includes('\0')) return { error: 'Bad request: NUL byte in the path.' };
  const pathname = path.posix.normalize(decoded.replaceAll('\\', '/'));
  return { pathname: pathname.startsWith('/') ? pathname : `/${pathname}`, search };
}

/** A decoded path back to a safe URL path: each segment percent-encoded, one leading `/`. */
export function encodePathname(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** A redirect's destination: our own paths are encoded (the splat comes from the decoded request); absolute URLs stay as written. */
function encodeLocation(location: string): string {
  if (!location.startsWith('/')) return location;
  const queryAt = location.indexOf('?');
  const pathPart = queryAt === -1 ? location : location.slice(0, queryAt);
  return `${encodePathname(path.posix.normalize(pathPart))}${queryAt === -1 ? '' : location.slice(queryAt)}`;
}

/**
 * Serves a built static site the way a CDN would: the deploy's own `_headers` and `_redirects`
 * (Netlify / Cloudflare Pages format), `index.html` for directories, the language's 404 page
 * for unknown paths, brotli or gzip when the client accepts it, ETags for revalidation.
 */
export function createStaticServer({ root }: StaticServerOptions): Server {
  const compressed = new Map<string, { mtimeMs: number; encoded: Buffer }>();
  let compressedRoot = '';
  const rulesByRoot = new Map<string, Rules>();

  async function rulesOf(base: string): Promise<Rules> {
    const [headersInfo, redirectsInfo] = await Promise.all(
      ['_headers', '_redirects'].map((name) => stat(path.join(base, name)).catch(() => undefined)),
    );
    const stamp = `${headersInfo?.mtimeMs ?? 0}:${redirectsInfo?.mtimeMs ?? 0}`;
    const cached = rulesByRoot.get(base);
    if (cached?.stamp === stamp) return cached;
    const read = (name: string) => readFile(path.join(base, name), 'utf8').catch(() => '');
    const rules = { headers: parseHeaders(await read('_headers')), redirects: parseRedirects(await read('_redirects')), stamp };
    if (rulesByRoot.size > 20) rulesByRoot.clear();
    rulesByRoot.set(base, rules);
    return rules;
  }

  async function send(
    request: IncomingMessage,
    response: ServerResponse,
    file: string,
    { status = 200, headers = {} }: { status?: number; headers?: Record<string, string> } = {},
  ): Promise<void> {
    const info = await stat(file);
    const type = siteContentType(file);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('content-type', type);
    response.setHeader('x-content-type-options', 'nosniff');
    const etag = `W/"${info.size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`;
    response.setHeader('etag', etag);
    if (status === 200 && request.headers['if-none-match'] === etag) {
      response.writeHead(304).end();
      return;
    }
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = compressible.test(type)
      ? /\bbr\b/.test(accepted)
        ? 'br'
        : /\bgzip\b/.test(accepted)
          ? 'gzip'
          : null
      : null;
    if (compressible.test(type)) response.setHeader('vary', 'accept-encoding');
    if (encoding) {
      const key = `${encoding}:${file}`;
      let entry = compressed.get(key);
      if (!entry || entry.mtimeMs !== info.mtimeMs) {
        const raw = await readFile(file);
        const encoded =
          encoding === 'br'
            ? brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
            : gzipSync(raw, { level: 9 });
        entry = { mtimeMs: info.mtimeMs, encoded };
        compressed.set(key, entry);
      }
      response.writeHead(status, { 'content-encoding': encoding, 'content-length': entry.encoded.length });
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
      let base: string;
      try {
        base = await realpath(path.resolve(root()));
      } catch {
        response
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' })
          .end('The site has not been built yet.');
        return;
      }
      if (base !== compressedRoot) {
        // A new deploy went live: what was compressed for the previous one is of no use any more.
        compressed.clear();
        compressedRoot = base;
      }
      const target = requestTarget(request.url);
      if ('error' in target) {
        // A malformed address is the client's mistake: a short answer, nothing in the log.
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(target.error);
        return;
      }
      // From here on, one decoded, normalised path decides everything: headers, redirects, files.
      const { pathname, search } = target;
      const resolved = path.resolve(base, `.${pathname}`);
      if (resolved !== base && !resolved.startsWith(base + path.sep)) {
        response.writeHead(400).end();
        return;
      }
      const rules = await rulesOf(base);
      const headers = headersFor(rules.headers, pathname);
      const index = await resolveFile(path.join(resolved, 'index.html'));
      const file = isConfigurationFile(base, resolved) ? undefined : (index ?? (await resolveFile(resolved)));

      const redirect = matchRedirect(rules.redirects, {
        pathname,
        acceptLanguage: request.headers['accept-language'],
        fileExists: Boolean(file),
      });
      if (redirect && redirect.rule.status >= 300 && redirect.rule.status < 400) {
        const destination = encodeLocation(redirect.location);
        const location = destination.includes('?') ? destination : `${destination}${search}`;
        const vary = redirect.rule.conditions.Language ? { vary: 'accept-language' } : {};
        response.writeHead(redirect.rule.status, { ...headers, ...vary, location }).end();
        return;
      }
      if (redirect) {
        // 200 (rewrite) and 404 (custom "not found" page): serve the destination with that status.
        const destination = path.resolve(base, `.${redirect.location.split('?')[0]}`);
        const rewritten = destination.startsWith(base + path.sep)
          ? ((await resolveFile(path.join(destination, 'index.html'))) ?? (await resolveFile(destination)))
          : undefined;
        if (rewritten) {
          await send(request, response, rewritten, { status: redirect.rule.status, headers });
          return;
        }
      }
      if (index && !pathname.endsWith('/')) {
        // Relative URLs in the page only work from the directory's canonical, slashed URL.
        // Built from the normalised path, so it always starts with a single `/`: never `//host`.
        response.writeHead(301, { ...headers, location: `${encodePathname(pathname)}/${search}` }).end();
        return;
      }
      if (file) {
        await send(request, response, file, { headers });
        return;
      }
      const language = pathname.split('/')[1] ?? '';
      const notFound =
        (await resolveFile(path.join(base, language, '404.html'))) ?? (await resolveFile(path.join(base, '404.html')));
      if (notFound) await send(request, response, notFound, { status: 404, headers });
      else response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Server error');
      else response.end();
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
