import { randomBytes } from 'node:crypto';

import type { CollectionBeforeValidateHook, PayloadRequest } from 'payload';

import { createShortId, isShortId, isSlug, slugify } from '@passerelle/content-schemas';

import type { Fiche } from '../../../payload-types';
import { keepRequestLocale } from '../../../utilities/keepRequestLocale';

/**
 * Gives every fiche its permanent short id on creation, and a slug from its French title.
 * The short id is always made here: one sent in a request is ignored (it is permanent, and a
 * duplicate must not inherit its source's). The slug is made once and then left alone (URLs
 * must stay stable); until a French title exists the fiche carries a provisional
 * `fiche-<shortId>` slug, replaced by the real one as soon as the French title is written.
 */
export const assignIdentifiers: CollectionBeforeValidateHook<Fiche> = async ({ data, originalDoc, operation, req }) => {
  if (!data) return data;
  // On a duplicate, `originalDoc` is the copied source (with its identifiers already blanked).
  const id = operation === 'create' ? undefined : originalDoc?.id;

  const kept = operation === 'create' ? await importedShortId(data.shortId, req) : originalDoc?.shortId;
  const shortId = kept && isShortId(kept) ? kept : await uniqueShortId(req);
  data.shortId = shortId;

  const provisionalSlug = `fiche-${shortId}`;
  // An emptied slug field means "keep the address", or make one from the French title when the
  // stored one is unusable (a draft is saved unchecked): a published fiche without a valid slug
  // cannot be exported, and that would stop every later build. The value is always written back
  // into `data`, so the field's own validation sees what will be saved.
  const emptied = data.slug === null || (typeof data.slug === 'string' && data.slug.trim() === '');
  if (emptied) {
    const stored = originalDoc?.slug;
    if (typeof stored === 'string' && stored !== provisionalSlug && isSlug(stored)) {
      data.slug = stored;
      return data;
    }
    delete data.slug;
  }
  const currentSlug = emptied ? undefined : (data.slug ?? originalDoc?.slug);
  // On a create (a duplicate included) or an emptied slug, the title to make it from may be the stored one.
  const frenchTitle = isFrench(req)
    ? (data.title ?? (emptied || operation === 'create' ? originalDoc?.title : undefined))
    : undefined;

  if (currentSlug && currentSlug !== provisionalSlug) return data;
  if (frenchTitle && slugify(frenchTitle)) {
    data.slug = await uniqueSlug(slugify(frenchTitle), req, id);
  } else if (!currentSlug || operation === 'create') {
    data.slug = provisionalSlug;
  }
  return data;
};

function isFrench(req: PayloadRequest): boolean {
  return !req.locale || req.locale === 'fr';
}

async function isTaken(field: 'slug' | 'shortId', value: string, req: PayloadRequest, exceptId?: string): Promise<boolean> {
  const { totalDocs } = await keepRequestLocale(req, () =>
    req.payload.count({
      collection: 'fiches',
      where: {
        and: [{ [field]: { equals: value } }, ...(exceptId ? [{ id: { not_equals: exceptId } }] : [])],
      },
      overrideAccess: true,
      req,
    }),
  );
  return totalDocs > 0;
}

async function uniqueSlug(base: string, req: PayloadRequest, exceptId?: string): Promise<string> {
  for (let suffix = 1; ; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await isTaken('slug', candidate, req, exceptId))) return candidate;
  }
}

/** The bulk import (`context.keepImportedShortId`, never settable by a request) brings its short ids along. */
async function importedShortId(sent: unknown, req: PayloadRequest): Promise<string | undefined> {
  if (req.context.keepImportedShortId !== true || typeof sent !== 'string' || !isShortId(sent)) return undefined;
  return (await isTaken('shortId', sent, req)) ? undefined : sent;
}

async function uniqueShortId(req: PayloadRequest): Promise<string> {
  for (;;) {
    const candidate = createShortId((size) => randomBytes(size));
    if (!(await isTaken('shortId', candidate, req))) return candidate;
  }
}
