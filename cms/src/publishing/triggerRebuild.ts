import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionSlug, PayloadRequest, TypeWithID } from 'payload';

import { requestRebuild } from './requestRebuild';
import { keepRequestLocale } from '../utilities/keepRequestLocale';

/** How the list of publications names a document: « Fiche « Carte Vitale » publiée ». */
type Naming = { noun: string; feminine: boolean };

const namings: Record<string, Naming> = {
  fiches: { noun: 'Fiche', feminine: true },
  themes: { noun: 'Thème', feminine: false },
  needs: { noun: 'Besoin', feminine: false },
  structures: { noun: 'Structure', feminine: true },
  media: { noun: 'Média', feminine: false },
  documents: { noun: 'Document', feminine: false },
};

type AnyDoc = TypeWithID & Record<string, unknown>;

function describe(collection: string, doc: AnyDoc, verb: string): string {
  const naming = namings[collection] ?? { noun: collection, feminine: false };
  const title = [doc.title, doc.name, doc.alt, doc.filename, doc.slug].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  const participle = naming.feminine ? `${verb}e` : verb;
  return `${naming.noun}${title ? ` « ${title.slice(0, 80)} »` : ''} ${participle}`;
}

function userOf(req: PayloadRequest) {
  const user = req.user as ({ id: string | number; name?: string | null; email?: string | null } & object) | null;
  return user ? { id: String(user.id), name: user.name, email: user.email } : null;
}

async function trigger(req: PayloadRequest, summary: string): Promise<void> {
  try {
    await requestRebuild(req.payload, { trigger: summary, user: userOf(req), req });
  } catch (error) {
    // A publication request that fails must not fail the editor's save: the content is saved;
    // the next change (or « Publier maintenant ») rebuilds.
    req.payload.logger.error(`publish: could not request a rebuild after "${summary}": ${(error as Error).message}`);
  }
}

/**
 * True when this operation changed what the public sees. Documents without drafts always do.
 * For drafts-enabled collections: a publication (the result is published), or an
 * unpublication — the main document was just written as a draft (a draft save only adds a
 * version, leaving the main document and its `updatedAt` as they were) and some earlier
 * version had been published.
 */
async function isPublicChange(
  req: PayloadRequest,
  collection: CollectionSlug,
  doc: AnyDoc,
  hasDrafts: boolean,
): Promise<{ changed: boolean; verb: string }> {
  if (!hasDrafts) return { changed: true, verb: 'modifié' };
  if (doc._status === 'published') return { changed: true, verb: 'publié' };
  // Two columns, not the whole document with every language's sections: every autosave of a
  // fiche comes through here (≈ 36 ms of an autosave's 300 at 1,000 fiches, load 10, for the whole row).
  const main = (await req.payload.db.findOne({
    collection,
    where: { id: { equals: doc.id } },
    select: { _status: true, updatedAt: true },
    req,
  })) as AnyDoc | null;
  if (!main || main._status !== 'draft' || main.updatedAt !== doc.updatedAt) return { changed: false, verb: '' };
  const { totalDocs } = await keepRequestLocale(req, () =>
    req.payload.countVersions({
      collection: collection as 'fiches',
      where: { and: [{ parent: { equals: doc.id } }, { 'version._status': { equals: 'published' } }] },
      req,
    }),
  );
  return { changed: totalDocs > 0, verb: 'dépublié' };
}

/**
 * afterChange: requests a rebuild of the static site when the change alters what the public
 * sees. `req.context.skipRebuild` (seeds, bulk imports) turns it off.
 */
export const rebuildAfterChange: CollectionAfterChangeHook = async ({ collection, doc, operation, req, context }) => {
  if (context.skipRebuild) return doc;
  const hasDrafts = Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts);
  const { changed, verb } = await isPublicChange(req, collection.slug, doc as AnyDoc, hasDrafts);
  if (changed) await trigger(req, describe(collection.slug, doc as AnyDoc, operation === 'create' && !hasDrafts ? 'créé' : verb));
  return doc;
};

/** afterDelete: a deleted document disappears from the site (for fiches: if it was published). */
export const rebuildAfterDelete: CollectionAfterDeleteHook = async ({ collection, doc, req, context }) => {
  if (context.skipRebuild) return doc;
  const hasDrafts = Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts);
  if (hasDrafts && (doc as AnyDoc)._status !== 'published') return doc;
  await trigger(req, describe(collection.slug, doc as AnyDoc, 'supprimé'));
  return doc;
};
