/**
 * The CMS reader: every published document of a collection from the CMS REST API, validated
 * against the contract, and the media files. Used by the export (scripts) and the site's loader
 * when it reads a live CMS. Node code: not exported from the package's index, which the admin's
 * and the browser's bundles import.
 */
import path from 'node:path';

import type { Media } from '../schemas/MediaSchema';
import {
  checkNotEmpty,
  CmsReadError,
  parseDocuments,
  type ContentCollection,
  type ContentDocument,
} from '../transforms/cmsContent';
import { CmsTimeoutError, cmsTimeoutMs, fetchWithDeadline, getFromCms, networkErrorText } from './http';

export * from './http';

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
 * The bytes of a media file, from the CMS. A media file may take four times as long as a page of
 * documents. Its file name must be a plain name: it becomes a file on the build machine.
 */
export async function downloadMedia(
  cmsUrl: string,
  media: Pick<Media, 'id' | 'filename' | 'url'>,
  fetchImpl: typeof fetch = fetch,
  { timeoutMs = cmsTimeoutMs * 4 }: { timeoutMs?: number } = {},
): Promise<Uint8Array> {
  if (media.filename !== path.basename(media.filename))
    throw new CmsReadError(`media ${media.id}: unsafe file name "${media.filename}"`);
  const url = new URL(media.url, cmsUrl).href;
  let response: Response;
  try {
    response = await fetchWithDeadline(url, fetchImpl, { timeoutMs });
  } catch (error) {
    if (error instanceof CmsTimeoutError) throw new CmsTimeoutError(`media ${media.id}: ${error.message}`, { cause: error });
    throw new CmsReadError(`media ${media.id}: cannot download ${url} (${networkErrorText(error)})`, { cause: error });
  }
  if (!response.ok) throw new CmsReadError(`media ${media.id}: the CMS answered HTTP ${response.status} for ${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length === 0) throw new CmsReadError(`media ${media.id}: ${url} is empty`);
  return bytes;
}
