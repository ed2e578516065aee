import type { z } from 'zod';

import { DocumentSchema } from '../schemas/DocumentSchema';
import { FicheListingSchema, FicheSchema, type FicheListing } from '../schemas/FicheSchema';
import { MediaSchema } from '../schemas/MediaSchema';
import { NeedSchema } from '../schemas/NeedSchema';
import { StructureSchema } from '../schemas/StructureSchema';
import { ThemeSchema } from '../schemas/ThemeSchema';

/**
 * The collections the site reads, each with the schema every document must match, and the checks
 * a read applies, wherever it reads from (the CMS, a snapshot). The reading itself, over HTTP, is
 * the CMS reader (`@passerelle/content-schemas/cmsReader`).
 */
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

/** A document that does not match the contract: names the collection, the document and each field path. */
export class ContentContractError extends Error {
  override name = 'ContentContractError';
  constructor(
    readonly collection: ContentCollection,
    readonly documentId: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(
      `${collection} ${documentId} does not match the content schema: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
  }
}

/** The CMS could not be read: unreachable, an HTTP error, or a response that is not a page of documents. */
export class CmsReadError extends Error {
  override name = 'CmsReadError';
}

export function parseDocument<C extends ContentCollection>(collection: C, raw: unknown): ContentDocument<C> {
  return parseAgainst(contentCollections[collection], collection, raw) as ContentDocument<C>;
}

/** A fiche without its sections (FicheListingSchema), or the same error as `parseDocument`'s. */
export function parseFicheListing(raw: unknown): FicheListing {
  return parseAgainst(FicheListingSchema, 'fiches', raw);
}

function parseAgainst<S extends z.ZodTypeAny>(schema: S, collection: ContentCollection, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
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
