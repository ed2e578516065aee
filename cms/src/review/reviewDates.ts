import type { GlobalAfterChangeHook, Payload, PayloadRequest } from 'payload';

import { defaultReviewMonths, nextReviewDate, type FicheType } from '@passerelle/content-schemas';

import { keepRequestLocale } from '../utilities/keepRequestLocale';

export type ReviewDefaults = Record<FicheType, number>;

/** The defaults per type from « Vérification des fiches », or the built-in ones before it is saved. */
export async function reviewDefaults(payload: Payload, req?: PayloadRequest): Promise<ReviewDefaults> {
  const read = () => payload.findGlobal({ slug: 'review-settings', depth: 0, overrideAccess: true, req });
  const settings = await (req ? keepRequestLocale(req, read) : read());
  return {
    demarche: settings.demarcheMonths ?? defaultReviewMonths.demarche,
    dispositif: settings.dispositifMonths ?? defaultReviewMonths.dispositif,
  };
}

type Reviewable = {
  type?: FicheType | null;
  reviewIntervalMonths?: number | null;
  lastCheckedAt?: string | null;
  changedAt?: string | null;
  updatedAt?: string | null;
  createdAt?: string | null;
};

export function intervalOf(fiche: Reviewable, defaults: ReviewDefaults): number {
  return fiche.reviewIntervalMonths ?? defaults[fiche.type ?? 'demarche'];
}

/** A fiche never checked counts from its last real change: publishing it was the first check. */
export function reviewBaseOf(fiche: Reviewable): string | undefined {
  return fiche.lastCheckedAt ?? fiche.changedAt ?? fiche.updatedAt ?? fiche.createdAt ?? undefined;
}

export function nextReviewOf(fiche: Reviewable, defaults: ReviewDefaults): string | null {
  const base = reviewBaseOf(fiche);
  return base ? nextReviewDate(base, intervalOf(fiche, defaults)) : null;
}

/**
 * Review settings, afterChange: a new default moves the next review date of every fiche that
 * follows it (those with their own interval keep theirs). Written straight to the published
 * document, like a check: no version, no rebuild — the public pages show the last check, and
 * the overdue notice follows the next build.
 */
export const recomputeReviewDates: GlobalAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (doc.demarcheMonths === previousDoc?.demarcheMonths && doc.dispositifMonths === previousDoc?.dispositifMonths) return doc;
  await recomputeAllReviewDates(req.payload, req);
  return doc;
};

/**
 * Backfill for databases made before review dates: a fiche's last real change is its last
 * `updatedAt`, and its next review follows from its last check. Called by the migration
 * `review_dates`; safe to run again.
 */
export async function backfillReviewDates(payload: Payload, req?: PayloadRequest): Promise<number> {
  return recomputeAllReviewDates(payload, req, { fillChangedAt: true });
}

/** Every fiche's next review date from its last check and interval; returns how many changed. */
export async function recomputeAllReviewDates(
  payload: Payload,
  req?: PayloadRequest,
  { fillChangedAt = false } = {},
): Promise<number> {
  const defaults = await reviewDefaults(payload, req);
  let changed = 0;
  for (let page = 1; ; page += 1) {
    const result = await payload.db.find<Reviewable & { id: string; nextReviewAt?: string | null }>({
      collection: 'fiches',
      limit: 100,
      page,
      sort: 'createdAt',
      pagination: true,
      req,
    });
    for (const fiche of result.docs) {
      const changedAt = fiche.changedAt ?? (fillChangedAt ? (fiche.updatedAt ?? null) : null);
      // Only published fiches are due for review (see stampReview).
      const next =
        (fiche as { _status?: string })._status === 'published' ? nextReviewOf({ ...fiche, changedAt }, defaults) : null;
      if (next === (fiche.nextReviewAt ?? null) && changedAt === (fiche.changedAt ?? null)) continue;
      await payload.db.updateOne({
        collection: 'fiches',
        id: fiche.id,
        data: { nextReviewAt: next, ...(changedAt !== (fiche.changedAt ?? null) ? { changedAt } : {}) },
        req,
      });
      changed += 1;
    }
    if (!result.hasNextPage) return changed;
  }
}
