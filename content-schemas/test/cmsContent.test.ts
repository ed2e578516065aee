import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  CmsReadError,
  ContentContractError,
  parseDocuments,
  contentCollectionNames,
  parseFicheListing,
  sectionKeys,
} from '../src';
import { CmsTimeoutError, collectionPageUrl, fetchCollection, getFromCms } from '../src/cmsReader';
import { fixtureSnapshotDir } from '../src/repository';

const readFixture = async (collection: string): Promise<unknown[]> =>
  JSON.parse(await readFile(path.join(fixtureSnapshotDir, `${collection}.json`), 'utf8'));

function pagedFetch(pages: unknown[][], status = 200): typeof fetch {
  return async (input) => {
    const page = Number(new URL(String(input)).searchParams.get('page'));
    const docs = pages[page - 1] ?? [];
    return new Response(
      JSON.stringify({ docs, hasNextPage: page < pages.length, nextPage: page < pages.length ? page + 1 : null }),
      { status },
    );
  };
}

describe('the fixtures', () => {
  it.each(contentCollectionNames)('%s match the contract', async (collection) => {
    expect(() => parseDocuments(collection, [])).not.toThrow();
    const documents = parseDocuments(collection, await readFixture(collection));
    expect(documents.length).toBeGreaterThan(0);
  });
});

describe('parseFicheListing', () => {
  it('is the whole fiche without its sections, translated languages included', async () => {
    const raw = await readFixture('fiches');
    const whole = parseDocuments('fiches', raw);
    expect(whole.some((fiche) => fiche.translatedLocales.length > 1)).toBe(true);
    raw.forEach((document, index) => {
      const expected: Record<string, unknown> = { ...whole[index] };
      for (const key of sectionKeys) delete expected[key];
      expect(parseFicheListing(document)).toStrictEqual(expected);
    });
  });

  it('checks the other fields like the whole fiche, with the same error', async () => {
    const [first] = await readFixture('fiches');
    const broken = { ...(first as object), id: 'fiche-1', title: { en: 'No French title' }, what: 'not checked here' };
    expect(() => parseFicheListing(broken)).toThrow(ContentContractError);
    expect(() => parseFicheListing(broken)).toThrow(/fiches fiche-1 .*title\.fr: a French title is required/);
  });
});

describe('collectionPageUrl', () => {
  it('asks for every language, ids only, published fiches', () => {
    const url = new URL(collectionPageUrl('http://cms.example:3000', 'fiches', 2));
    expect(url.pathname).toBe('/api/fiches');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      locale: 'all',
      depth: '0',
      page: '2',
      'where[_status][equals]': 'published',
    });
  });

  it('does not filter collections without drafts', () => {
    expect(collectionPageUrl('http://cms.example/', 'themes', 1)).not.toContain('_status');
  });
});

describe('fetchCollection', () => {
  it('reads every page', async () => {
    const themes = await readFixture('themes');
    const documents = await fetchCollection('http://cms.example', 'themes', pagedFetch([themes.slice(0, 4), themes.slice(4)]));
    expect(documents).toHaveLength(themes.length);
  });

  it('names the document and the field path of a mismatch', async () => {
    const [first] = await readFixture('fiches');
    const broken = { ...(first as object), title: { en: 'No French title' } };
    const attempt = fetchCollection('http://cms.example', 'fiches', pagedFetch([[broken]]));
    await expect(attempt).rejects.toThrow(ContentContractError);
    await expect(attempt).rejects.toThrow(
      /fiches [0-9a-f-]+ does not match the content schema: title\.fr: a French title is required/,
    );
  });

  it('fails on an HTTP error', async () => {
    await expect(fetchCollection('http://cms.example', 'themes', pagedFetch([[]], 500))).rejects.toThrow(/HTTP 500/);
  });

  it('fails when the CMS cannot be reached', async () => {
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(fetchCollection('http://cms.example', 'themes', unreachable)).rejects.toThrow(CmsReadError);
  });

  it('asks again once after a network error, and reads every page as if nothing happened', async () => {
    const themes = await readFixture('themes');
    const pages = pagedFetch([themes.slice(0, 4), themes.slice(4)]);
    let calls = 0;
    const resetOnce: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 2)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
      return pages(input, init);
    };
    expect(await fetchCollection('http://cms.example', 'themes', resetOnce)).toHaveLength(themes.length);
    expect(calls).toBe(3);
  });

  it('says why the CMS could not be reached, from the cause Node hides behind "fetch failed"', async () => {
    const reset: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    };
    await expect(fetchCollection('http://cms.example', 'themes', reset)).rejects.toThrow(/\(fetch failed: UND_ERR_SOCKET\)/);
  });

  it('fails on an empty list of fiches, never returning an empty site', async () => {
    await expect(fetchCollection('http://cms.example', 'fiches', pagedFetch([[]]))).rejects.toThrow(/no published document/);
  });

  it('accepts an empty list of media', async () => {
    await expect(fetchCollection('http://cms.example', 'media', pagedFetch([[]]))).resolves.toEqual([]);
  });
});

describe('a CMS that does not answer', () => {
  /** Accepts the request, then never answers (or answers the headers and never ends the body). */
  function hangingFetch(calls: { count: number }, { headersFirst = false, ignoreSignal = false } = {}): typeof fetch {
    return async (_input, init) => {
      calls.count += 1;
      const signal = ignoreSignal ? undefined : init?.signal;
      if (!headersFirst) {
        return new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      }
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"docs":['));
          signal?.addEventListener('abort', () => controller.error(signal.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
  }

  it.each([
    ['no answer at all', {}],
    ['headers, then a body that never ends', { headersFirst: true }],
    ['a fetch that ignores the abort signal', { ignoreSignal: true }],
  ])('fails after the deadline with a clear error, without asking again: %s', async (_, options) => {
    const calls = { count: 0 };
    const started = Date.now();
    const attempt = fetchCollection('http://cms.example', 'themes', hangingFetch(calls, options), { timeoutMs: 200 });
    await expect(attempt).rejects.toBeInstanceOf(CmsTimeoutError);
    await expect(attempt).rejects.toThrow(
      /^themes: the CMS did not answer within 200 ms at http:\/\/cms\.example\/api\/themes\?/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(calls.count).toBe(1);
  });

  it('is a CmsReadError too, so callers that fail on unreadable content fail on it', () => {
    expect(new CmsTimeoutError('x')).toBeInstanceOf(CmsReadError);
  });

  it('times out against a real server that accepts the connection and stays silent', async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/themes`;
      await expect(getFromCms(url, fetch, { timeoutMs: 300 })).rejects.toThrow(/did not answer within 300 ms/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('still reads a CMS that answers within the deadline', async () => {
    const themes = await readFixture('themes');
    expect(await fetchCollection('http://cms.example', 'themes', pagedFetch([themes]), { timeoutMs: 5_000 })).toHaveLength(
      themes.length,
    );
  });
});
