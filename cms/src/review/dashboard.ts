/**
 * The review dashboards: published fiches due within 14 days or overdue, most overdue first,
 * for editors (all, filterable by theme and département) and for a structure's contributors
 * (their structure's). One page read through the `nextReviewAt` index, never the corpus.
 */
import type { Payload, Where } from 'payload';

import { addDays, reviewReminderLeadDays, reviewStateAt, type ReviewState } from '@passerelle/content-schemas';

import { hasRole, structureOf, type UserWithRoles } from '../access/roles';

export type ReviewDueRow = {
  id: string;
  title: string;
  type: string;
  nextReviewAt: string;
  lastCheckedAt: string | null;
  state: ReviewState;
};
export type ReviewDueList = { rows: ReviewDueRow[]; total: number };
export type ReviewDueFilters = { theme?: string | undefined; departement?: string | undefined; limit?: number; now?: Date };

/** Who sees which fiches: editors all, contributors their structure's, nobody else any. */
export function reviewScope(user: UserWithRoles): Where | undefined {
  if (hasRole(user, 'admin', 'editor')) return {};
  const structure = structureOf(user);
  if (hasRole(user, 'contributor') && structure) return { mainStructure: { equals: structure } };
  return undefined;
}

export async function reviewDue(
  payload: Payload,
  user: UserWithRoles,
  filters: ReviewDueFilters = {},
): Promise<ReviewDueList | undefined> {
  const scope = reviewScope(user);
  if (!scope) return undefined;
  const now = filters.now ?? new Date();
  const and: Where[] = [
    { nextReviewAt: { less_than_equal: addDays(now, reviewReminderLeadDays).toISOString() } },
    // Only published fiches have a next review date (stampReview): no status condition to
    // keep the planner off the `nextReviewAt` index.
    scope,
  ];
  if (filters.theme) and.push({ primaryTheme: { equals: filters.theme } });
  const limit = filters.limit ?? 50;
  const read = (options: { limit: number; pagination: boolean }) =>
    payload.find({
      collection: 'fiches',
      where: { and },
      sort: 'nextReviewAt',
      locale: 'fr',
      fallbackLocale: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
      select: { title: true, type: true, nextReviewAt: true, lastCheckedAt: true, infocards: { location: true } },
      ...options,
    });
  // A département is filtered among the due fiches (a range of the `nextReviewAt` index, a few
  // dozen rows): through Payload, the join on the départements table would read all of it.
  const result = filters.departement ? await read({ limit: 0, pagination: false }) : await read({ limit, pagination: true });
  const docs = filters.departement
    ? result.docs.filter((doc) => doc.infocards?.location?.departements?.includes(filters.departement as never))
    : result.docs;
  const page = { totalDocs: filters.departement ? docs.length : result.totalDocs, docs: docs.slice(0, limit) };
  return {
    total: page.totalDocs,
    rows: page.docs.map((doc) => ({
      id: String(doc.id),
      title: doc.title ?? '(sans titre)',
      type: doc.type ?? 'demarche',
      nextReviewAt: doc.nextReviewAt ?? '',
      lastCheckedAt: doc.lastCheckedAt ?? null,
      state: doc.nextReviewAt ? reviewStateAt(doc.nextReviewAt, now) : 'ok',
    })),
  };
}
