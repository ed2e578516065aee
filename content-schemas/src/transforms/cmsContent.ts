import type { z } from 'zod';

import { DocumentSchema } from '../schemas/DocumentSchema';
import { FicheSchema } from '../schemas/FicheSchema';
import { MediaSchema } from '../schemas/MediaSchema';
import { NeedSchema } from '../schemas/NeedSchema';
import { StructureSchema } from '../schemas/StructureSchema';
import { ThemeSchema } from '../schemas/ThemeSchema';

/** The collections the site reads, each with the schema every document must match. */
export const contentCollections = {
  fiches: FicheSchema,
  themes: ThemeSchema,
  needs: NeedSchema,
  structures: StructureSchema,
  media: MediaSchema,
  documents: DocumentSchema,
} as const;

export type ContentCollection = keyof typeof contentCollections;
export type ContentDocument<C extends ContentCollection> = z.infer<(typeof contentCollections)[C]>;
export type ContentSnapshot = { [C in ContentCollection]: ContentDocument<C>[] };

export const contentCollectionNames = Object.keys(contentCollections) as ContentCollection[];

/** A site without fiches, themes or structures is a broken export, never a valid empty site. */
export const requiredCollections: readonly ContentCollection[] = ['fiches', 'themes', 'structures'];

/** Documents per request: Payload's default maximum page size. */
export const cmsPageSize = 100;

/**
 * One page of a collection from the CMS REST API, as the site needs it: every language at once
 * (`locale=all`), relations as ids (`depth=0`), fiches published only — the public API already
 * hides drafts, the filter says so explicitly so a logged-in export could not leak one.
 */
export function collectionPageUrl(cmsUrl: string, collection: ContentCollection, page: number): string {
  const url = new URL(`api/${collection}`, cmsUrl.endsWith('/') ? cmsUrl : `${cmsUrl}/`);
  url.searchParams.set('locale', 'all');
  url.searchParams.set('depth', '0');
  url.searchParams.set('limit', String(cmsPageSize));
  url.searchParams.set('page', String(page));
  url.searchParams.set('sort', 'createdAt');
  if (collection === 'fiches') url.searchParams.set('where[_status][equals]', 'published');
  return url.href;
}

/** A document that does not match the contract: names the collection, the document and each field path. */
export class ContentContractError extends Error {
  override name = 'ContentContractError';
  constructor(
    readonly collection: ContentCollection,
    readonly documentId: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`${collection} ${documentId} does not match the content schema: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  }
}

/** The CMS could not be read: unreachable, an HTTP error, or a response that is not a page of documents. */
export class CmsReadError extends Error {
  override name = 'CmsReadError';
}

export function parseDocument<C extends ContentCollection>(collection: C, raw: unknown): ContentDocument<C> {
  const result = contentCollections[collection].safeParse(raw);
  if (result.success) return result.data as ContentDocument<C>;
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '(no id)';
  throw new ContentContractError(
    collection,
    id,
    result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(document)', message: issue.message })),
  );
}

export function parseDocuments<C extends ContentCollection>(collection: C, raw: unknown): ContentDocument<C>[] {
  if (!Array.isArray(raw)) throw new CmsReadError(`${collection}: expected an array of documents`);
  return raw.map((document) => parseDocument(collection, document));
}

export function checkNotEmpty(collection: ContentCollection, documents: readonly unknown[], source: string): void {
  if (documents.length === 0 && requiredCollections.includes(collection)) {
    throw new CmsReadError(`${collection}: no published document in ${source}; refusing to build an empty site`);
  }
}

type PageBody = { docs: unknown[]; hasNextPage: boolean; nextPage?: number | null };

function isPageBody(body: unknown): body is PageBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    'docs' in body &&
    Array.isArray(body.docs) &&
    'hasNextPage' in body &&
    typeof body.hasNextPage === 'boolean'
  );
}

/**
 * Every document of a collection, page after page, validated. `fetchImpl` is injected so tests
 * can answer without a server. Throws on any network, HTTP, shape or validation problem:
 * an empty list here would publish an empty site.
 */
export async function fetchCollection<C extends ContentCollection>(
  cmsUrl: string,
  collection: C,
  fetchImpl: typeof fetch = fetch,
  { timeoutMs = cmsTimeoutMs }: { timeoutMs?: number } = {},
): Promise<ContentDocument<C>[]> {
  const documents: ContentDocument<C>[] = [];
  for (let page = 1; ; page += 1) {
    const url = collectionPageUrl(cmsUrl, collection, page);
    let response: Response;
    try {
      response = await getFromCms(url, fetchImpl, { timeoutMs });
    } catch (error) {
      if (error instanceof CmsTimeoutError) throw new CmsTimeoutError(`${collection}: ${error.message}`, { cause: error });
      throw new CmsReadError(`${collection}: cannot reach the CMS at ${url} (${networkErrorText(error)})`, { cause: error });
    }
    if (!response.ok) throw new CmsReadError(`${collection}: the CMS answered HTTP ${response.status} for ${url}`);
    const body: unknown = await response.json().catch(() => undefined);
    if (!isPageBody(body)) throw new CmsReadError(`${collection}: ${url} did not return a page of documents`);
    documents.push(...parseDocuments(collection, body.docs));
    if (!body.hasNextPage) break;
    if (page >= 10_000) throw new CmsReadError(`${collection}: the CMS keeps announcing a next page`);
  }
  checkNotEmpty(collection, documents, cmsUrl);
  return documents;
}

/**
 * How long one read of the CMS may take, answer and body together. A CMS that accepts the
 * connection and then hangs would otherwise stall a publication until the job is killed (15 min).
 * A page of 100 fiches in 8 languages is a few megabytes: seconds even on a slow server.
 */
export const cmsTimeoutMs = 30_000;

/** The CMS did not answer in time: not retried, since asking again would only double the wait. */
export class CmsTimeoutError extends CmsReadError {
  override name = 'CmsTimeoutError';
}

/**
 * A GET with a deadline for the whole exchange: headers and body. The body is read within the
 * deadline and handed back buffered. `fetchImpl` gets the abort signal, and the deadline holds
 * even for one that ignores it.
 */
export async function fetchWithDeadline(
  url: string | URL,
  fetchImpl: typeof fetch,
  { timeoutMs, headers }: { timeoutMs: number; headers?: Record<string, string> },
): Promise<Response> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CmsTimeoutError(`the CMS did not answer within ${formatDuration(timeoutMs)} at ${String(url)}`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const response = await fetchImpl(url, { headers, signal: controller.signal });
        const body = await response.arrayBuffer();
        return new Response(response.status === 204 || response.status === 304 ? null : body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    deadline.catch(() => {});
  }
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Every read of the CMS (the export's pages, the publisher's checks). A GET may be sent again.
 * Once, after a network error: a kept-alive connection that the server
 * closes just as the next page is asked for fails that request although nothing is wrong, and
 * one lost page must not cancel a whole publication. A CMS that is really down fails twice; one
 * that does not answer within `timeoutMs` fails at once (CmsTimeoutError).
 */
export async function getFromCms(
  url: string | URL,
  fetchImpl: typeof fetch = fetch,
  { timeoutMs = cmsTimeoutMs }: { timeoutMs?: number } = {},
): Promise<Response> {
  const get = () => fetchWithDeadline(url, fetchImpl, { timeoutMs, headers: { accept: 'application/json' } });
  try {
    return await get();
  } catch (error) {
    if (error instanceof CmsTimeoutError) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return get();
  }
}

/** Node's fetch says only "fetch failed"; the reason (refused, reset, timed out) is in its cause. */
export function networkErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const reason = cause?.code ?? cause?.message;
  return reason ? `${error.message}: ${reason}` : error.message;
}
