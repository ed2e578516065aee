import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload';

import type { Fiche } from '../payload-types';
import { keepRequestLocale } from '../utilities/keepRequestLocale';

/**
 * Fiches afterChange: when a publication changes the address of a fiche (its slug, or its type,
 * which is the `/demarches/` or `/dispositifs/` part), the address it had at its previous
 * publication is recorded in `redirects`; every deploy then redirects it (301) to the current
 * one. Compared with the previous *published* version, not with `previousDoc`, which is the
 * latest draft when the editor worked with autosave.
 */
export const recordFormerAddress: CollectionAfterChangeHook<Fiche> = async ({ doc, req, operation, context }) => {
  if (doc._status !== 'published') return doc;
  // A new fiche had no address before; the translation workflow publishes a language's text and
  // never touches the slug or the type.
  if (operation === 'create' || context.translationWorkflow) return doc;
  const nested = <T>(call: () => Promise<T>) => keepRequestLocale(req, call);
  const { docs } = await nested(() =>
    req.payload.findVersions({
      collection: 'fiches',
      where: { and: [{ parent: { equals: doc.id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-createdAt',
      limit: 2,
      depth: 0,
      // The address only: the whole version is every language of every field, on each publication.
      select: { version: { slug: true, type: true } },
      req,
    }),
  );
  // The first is the version this publication just wrote.
  const previous = docs[1]?.version;
  if (!previous?.slug || !previous.type || (previous.slug === doc.slug && previous.type === doc.type)) return doc;
  // Kept in a constant: the narrowing does not reach into the callbacks below.
  const formerType = previous.type;

  const { totalDocs } = await nested(() =>
    req.payload.count({
      collection: 'redirects',
      where: { and: [{ fiche: { equals: doc.id } }, { slug: { equals: previous.slug } }, { type: { equals: previous.type } }] },
      req,
    }),
  );
  if (totalDocs === 0) {
    await nested(() =>
      req.payload.create({
        collection: 'redirects',
        data: { fiche: doc.id, slug: previous.slug as string, type: formerType },
        depth: 0,
        req,
      }),
    );
  }
  // Back at an address it had before: that one is its page again, not a redirect.
  await nested(() =>
    req.payload.delete({
      collection: 'redirects',
      where: { and: [{ fiche: { equals: doc.id } }, { slug: { equals: doc.slug } }, { type: { equals: doc.type } }] },
      req,
    }),
  );
  return doc;
};

/** Fiches afterDelete: a deleted fiche's former addresses lead nowhere any more. */
export const forgetFormerAddresses: CollectionAfterDeleteHook<Fiche> = async ({ doc, req }) => {
  // The database has already emptied their `fiche`: remove every former address left without one.
  await keepRequestLocale(req, () =>
    req.payload.delete({
      collection: 'redirects',
      where: { or: [{ fiche: { equals: doc.id } }, { fiche: { exists: false } }] },
      req,
    }),
  );
  return doc;
};
