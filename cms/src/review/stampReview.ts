import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload';

import { archivedNote, type ChangeHistoryEntry } from '@passerelle/content-schemas';

import type { Fiche } from '../payload-types';
import { keepRequestLocale } from '../utilities/keepRequestLocale';
import { nextReviewOf, reviewDefaults } from './reviewDates';

type Online = Pick<
  Fiche,
  'changeNote' | 'changeNoteDate' | 'changeHistory' | 'lastCheckedAt' | 'lastCheckedBy' | 'changedAt' | 'nextReviewAt' | '_status'
> & {
  changeNote?: Record<string, string | null> | string | null;
  translationStatus?: Parameters<typeof archivedNote>[0]['translationStatus'];
};

const idOf = (value: unknown): string | null =>
  value && typeof value === 'object' ? String((value as { id: string | number }).id) : value == null ? null : String(value);

const sameInstant = (a: unknown, b: unknown) =>
  (a == null && b == null) || (a != null && b != null && new Date(a as string).getTime() === new Date(b as string).getTime());

/**
 * Fiches, beforeChange (after stampChangeNote): the review dates and the history, which only the
 * CMS writes.
 *
 * - A French publication is a real change and a check: `changedAt` and `lastCheckedAt` become
 *   now, by the publisher — unless the editor typed another check date in this save (a check
 *   made earlier, on the phone), which is kept. « Vérifiée, rien n'a changé » (recordCheck.ts)
 *   is the check without a publication of new text.
 * - The note online is archived into `changeHistory` when this publication replaces or retires
 *   it, with the translations validated for it, so the history survives later notes, slug
 *   changes and the pruning of old versions.
 * - A validated translation published into the fiche is a real change of that page: `changedAt`.
 * - Drafts, autosaves and any other write keep the stored values, whatever the request sends.
 */
export const stampReview: CollectionBeforeChangeHook<Fiche> = async ({ data, originalDoc, req, context }) => {
  const isPublication = data._status === 'published';
  // Drafts write versions only, so the latest draft's values are the right ones to keep; a
  // publication writes the main document, whose values may be newer than the draft's (a check).
  const online = isPublication && originalDoc?.id ? await onlineVersion(req, originalDoc.id) : undefined;
  const keep = (field: 'lastCheckedAt' | 'lastCheckedBy' | 'changedAt' | 'nextReviewAt' | 'changeHistory') => {
    (data as Record<string, unknown>)[field] = online?.[field] ?? originalDoc?.[field] ?? (field === 'changeHistory' ? [] : null);
  };
  const now = new Date().toISOString();

  if (context.translationWorkflow || (req.locale && req.locale !== 'fr')) {
    (['lastCheckedAt', 'lastCheckedBy', 'nextReviewAt', 'changeHistory'] as const).forEach(keep);
    // An import publishes the snapshot's translations right after the fiche: not a new change.
    if (isPublication && !context.translationBookkeeping && !context.keepImportedShortId) data.changedAt = now;
    else keep('changedAt');
    return data;
  }
  if (!isPublication) {
    (['lastCheckedBy', 'changedAt', 'changeHistory'] as const).forEach(keep);
    // Only what is online is due for review: a draft save writes versions only, and an
    // unpublication writes the main document without a date — reminders and dashboards read
    // the index without looking at the status. The next publication computes it again.
    data.nextReviewAt = null;
    return data;
  }

  const typedDate = data.lastCheckedAt !== undefined && !sameInstant(data.lastCheckedAt, originalDoc?.lastCheckedAt ?? null);
  if (typedDate && data.lastCheckedAt) {
    data.lastCheckedBy = idOf(req.user?.id) ?? idOf(online?.lastCheckedBy ?? originalDoc?.lastCheckedBy);
  } else {
    data.lastCheckedAt = now;
    data.lastCheckedBy = idOf(req.user?.id);
  }
  // The bulk import (server side only: requests cannot set `context`) brings a fiche's history
  // and last real change from the snapshot it was exported to.
  const imported = Boolean(context.keepImportedShortId) && !originalDoc?.id;
  data.changedAt = imported && data.changedAt ? data.changedAt : now;
  data.nextReviewAt = nextReviewOf(
    { ...originalDoc, ...data } as Parameters<typeof nextReviewOf>[0],
    await reviewDefaults(req.payload, req),
  );

  if (imported) {
    data.changeHistory = ((data.changeHistory ?? []) as ChangeHistoryEntry[]).map(({ date, notes }) => ({ date, notes }));
    return data;
  }
  const history: ChangeHistoryEntry[] = ((online?.changeHistory ?? originalDoc?.changeHistory ?? []) as ChangeHistoryEntry[]).map(
    ({ date, notes }) => ({ date, notes }),
  );
  const previous = online
    ? archivedNote({ ...online, changeNote: typeof online.changeNote === 'object' ? online.changeNote : null })
    : undefined;
  if (
    previous &&
    !sameInstant(previous.date, data.changeNoteDate) &&
    !history.some((entry) => sameInstant(entry.date, previous.date))
  ) {
    history.push(previous);
  }
  data.changeHistory = history;
  return data;
};

/**
 * The fiche as the public sees it (the main document, every language): with drafts, `originalDoc`
 * is the latest draft, which may predate a check or miss a translated note. Only the fields used
 * here are read; the translations' state (`translationStatus`, the French of every unit and the
 * translation documents) only when a dated French note is online, the one case it is used for
 * (which translated notes go into the history).
 */
async function onlineVersion(req: PayloadRequest, id: string | number): Promise<Online | undefined> {
  const read = (select?: Record<string, true>) =>
    keepRequestLocale(req, () =>
      req.payload.findByID({
        collection: 'fiches',
        id,
        locale: 'all',
        fallbackLocale: false,
        depth: 0,
        draft: false,
        overrideAccess: true,
        disableErrors: true,
        ...(select ? { select } : {}),
        req,
      }),
    );
  const fields = [
    'changeNote',
    'changeNoteDate',
    'changeHistory',
    'lastCheckedAt',
    'lastCheckedBy',
    'changedAt',
    'nextReviewAt',
    '_status',
  ];
  const doc = (await read(Object.fromEntries(fields.map((field) => [field, true] as const)))) as Online | null;
  if (!doc) return undefined;
  // With `locale: 'all'` a localized field is `{ fr, ar… }`.
  const note = doc.changeNote as Record<string, string | null> | string | null | undefined;
  const frenchNote = note && typeof note === 'object' ? note.fr?.trim() : undefined;
  if (!frenchNote || !doc.changeNoteDate) return doc;
  return ((await read()) ?? undefined) as Online | undefined;
}
