import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local servers that speak the machine translators' real HTTP APIs, so the real clients
 * (deepl-node, our LibreTranslate fetch) make real requests in the tests:
 * - DeepL API v2 as deepl-node calls it: form-encoded `POST /v2/translate`, `GET /v2/languages`,
 *   `GET /v2/glossary-language-pairs`, `POST /v2/glossaries` (TSV entries), `DELETE /v2/glossaries/:id`,
 *   with the `DeepL-Auth-Key` header, and DeepL's error statuses (456 quota, 5xx);
 * - LibreTranslate: JSON `POST /translate` (`q` as a list, `format: html`, `api_key`), `GET /languages`.
 * The « translation » is visible and keeps the markup: each text between tags is prefixed by the
 * target language (`ar:`), after the glossary's terms were replaced, as a real provider would.
 * `mode` makes the next requests fail: 'quota', 'error' (5xx), 'hang' (never answers).
 */
export type Mode = 'ok' | 'quota' | 'error' | 'hang';
export type Recorded = { method: string; path: string; headers: IncomingMessage['headers']; form?: URLSearchParams; json?: any };
export type FakeProvider = {
  url: string;
  requests: Recorded[];
  glossaries: Map<string, { target: string; entries: [string, string][] }>;
  mode: Mode;
  close: () => Promise<void>;
};

/** Translates the text outside tags, as a provider with tag handling does. */
function fakeTranslate(html: string, target: string, glossary: [string, string][] = []): string {
  return html.replace(/(^|>)([^<]+)(?=<|$)/g, (_whole, open: string, text: string) => {
    if (!text.trim()) return open + text;
    let translated = text;
    for (const [source, term] of glossary) translated = translated.split(source).join(term);
    const lead = /^\s*/.exec(translated)![0];
    return `${open}${lead}${target}:${translated.slice(lead.length)}`;
  });
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body?: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

export async function startFakeDeepL(authKey: string): Promise<FakeProvider> {
  const state = {
    requests: [] as Recorded[],
    glossaries: new Map<string, { target: string; entries: [string, string][] }>(),
    mode: 'ok' as Mode,
  };
  let nextGlossary = 1;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const raw = await bodyOf(request);
    const form = request.headers['content-type']?.includes('application/x-www-form-urlencoded')
      ? new URLSearchParams(raw)
      : undefined;
    state.requests.push({
      method: request.method ?? '',
      path: url.pathname,
      headers: request.headers,
      ...(form ? { form } : {}),
    });
    if (state.mode === 'hang') return; // never answers: the client's timeout decides
    if (request.headers.authorization !== `DeepL-Auth-Key ${authKey}`)
      return send(response, 403, { message: 'Wrong endpoint. Use https://api.deepl.com' });
    if (state.mode === 'quota') return send(response, 456, { message: 'Quota Exceeded' });
    if (state.mode === 'error') return send(response, 503, { message: 'Service temporarily unavailable' });

    if (request.method === 'GET' && url.pathname === '/v2/languages') {
      const targets = ['EN-GB', 'EN-US', 'AR', 'RU', 'UK'].map((language) => ({
        language,
        name: language,
        supports_formality: false,
      }));
      return send(response, 200, url.searchParams.get('type') === 'target' ? targets : [{ language: 'FR', name: 'French' }]);
    }
    if (request.method === 'GET' && url.pathname === '/v2/glossary-language-pairs') {
      return send(response, 200, {
        supported_languages: ['en', 'ar', 'ru', 'uk'].map((target_lang) => ({ source_lang: 'fr', target_lang })),
      });
    }
    if (request.method === 'POST' && url.pathname === '/v2/glossaries' && form) {
      if (form.get('entries_format') !== 'tsv' || form.get('source_lang') !== 'fr')
        return send(response, 400, { message: 'Bad request' });
      const entries = (form.get('entries') ?? '')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t') as [string, string]);
      const id = `glossary-${nextGlossary++}`;
      state.glossaries.set(id, { target: form.get('target_lang') ?? '', entries });
      return send(response, 201, {
        glossary_id: id,
        name: form.get('name'),
        ready: true,
        source_lang: 'fr',
        target_lang: form.get('target_lang'),
        creation_time: new Date().toISOString(),
        entry_count: entries.length,
      });
    }
    const glossaryPath = /^\/v2\/glossaries\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'DELETE' && glossaryPath) {
      return state.glossaries.delete(glossaryPath[1]!)
        ? (response.writeHead(204), response.end())
        : send(response, 404, { message: 'Glossary not found' });
    }
    if (request.method === 'POST' && url.pathname === '/v2/translate' && form) {
      const target = (form.get('target_lang') ?? '').toLowerCase();
      const glossaryId = form.get('glossary_id');
      const glossary = glossaryId ? state.glossaries.get(glossaryId) : undefined;
      if (glossaryId && !glossary) return send(response, 404, { message: 'Glossary not found' });
      const texts = form.getAll('text');
      return send(response, 200, {
        translations: texts.map((text) => ({
          detected_source_language: 'FR',
          text: fakeTranslate(text, target.split('-')[0]!, glossary?.entries),
          billed_characters: text.replace(/<[^>]*>/g, '').length,
        })),
      });
    }
    send(response, 404, { message: 'Not found' });
  });
  const url = await listen(server);
  return Object.assign(state, { url, close: closer(server) });
}

export async function startFakeLibreTranslate(apiKey: string): Promise<FakeProvider> {
  const state = { requests: [] as Recorded[], glossaries: new Map(), mode: 'ok' as Mode };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const raw = await bodyOf(request);
    let json: any;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      json = undefined;
    }
    state.requests.push({ method: request.method ?? '', path: url.pathname, headers: request.headers, json });
    if (state.mode === 'hang') return;
    if (state.mode === 'quota') return send(response, 429, { error: 'Too many request limits violations' });
    if (state.mode === 'error') return send(response, 500, { error: 'Internal Server Error' });
    if (request.method === 'GET' && url.pathname === '/languages') {
      return send(response, 200, [
        { code: 'fr', name: 'French', targets: ['en', 'ar', 'fa', 'ru', 'uk'] },
        { code: 'en', name: 'English', targets: ['fr'] },
      ]);
    }
    if (request.method === 'POST' && url.pathname === '/translate') {
      if (json?.api_key !== apiKey) return send(response, 403, { error: 'Invalid API key' });
      if (json.format !== 'html' && json.format !== 'text') return send(response, 400, { error: 'Invalid format' });
      const q: string[] = Array.isArray(json.q) ? json.q : [json.q];
      const translated = q.map((text) => fakeTranslate(text, json.target));
      return send(response, 200, { translatedText: Array.isArray(json.q) ? translated : translated[0] });
    }
    send(response, 404, { error: 'Not Found' });
  });
  const url = await listen(server);
  return Object.assign(state, { url, close: closer(server) });
}
