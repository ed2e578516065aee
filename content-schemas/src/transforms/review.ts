import { defaultLocale, type Locale } from '../locales';
import type { FicheType } from '../vocabulary';
import type { TranslationStatus } from '../translationUnits';

/** Review intervals, in whole months, when the admin's settings were never saved. */
export const defaultReviewMonths: Record<FicheType, number> = { demarche: 6, dispositif: 12 };

/** Reminders start this many days before the due date; the follow-up comes this many days after it. */
export const reviewReminderLeadDays = 14;
export const reviewFollowUpDays = 14;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * `from` plus `months` calendar months, in UTC, clamped to the last day of a shorter month
 * (31 August + 6 months = 28 or 29 February), so a review never slips into the next month.
 */
export function addMonths(from: string | Date, months: number): Date {
  const start = new Date(from);
  const target = new Date(
    Date.UTC(
      start.getUTCFullYear(),
      start.getUTCMonth() + months,
      1,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target;
}

export function addDays(from: string | Date, days: number): Date {
  return new Date(new Date(from).getTime() + days * dayMs);
}

/** The next review date: the last check plus the interval. */
export function nextReviewDate(lastCheckedAt: string | Date, months: number): string {
  return addMonths(lastCheckedAt, months).toISOString();
}

export type ReviewState = 'ok' | 'dueSoon' | 'overdue' | 'followUp';

/**
 * Where a fiche stands at `now`: due within the lead time, overdue, or overdue long enough for
 * the follow-up reminder. Pure, so the job, the dashboards and the tests share one clock.
 */
export function reviewStateAt(nextReviewAt: string, now: Date): ReviewState {
  const due = Date.parse(nextReviewAt);
  if (now.getTime() >= due + reviewFollowUpDays * dayMs) return 'followUp';
  if (now.getTime() >= due) return 'overdue';
  if (now.getTime() >= due - reviewReminderLeadDays * dayMs) return 'dueSoon';
  return 'ok';
}

/**
 * True when the fiche has gone unchecked for more than its interval past its due date — twice
 * the interval since the last check: the site then warns readers. The interval is the distance
 * between the last check and the next review date, so the site needs no settings of its own.
 */
export function isLongOverdue(review: { lastCheckedAt: string; nextReviewAt: string }, now: Date): boolean {
  const due = Date.parse(review.nextReviewAt);
  const interval = due - Date.parse(review.lastCheckedAt);
  return interval > 0 && now.getTime() > due + interval;
}

/** One dated change note of a past publication: French, plus the translations validated for it. */
export type ChangeHistoryEntry = { date: string; notes: Partial<Record<Locale, string>> };

/** A history entry as a reader of `locale` gets it: in their language when validated, else in French. */
export function historyNoteIn(
  entry: ChangeHistoryEntry,
  locale: Locale,
): { text: string; locale: Locale; date: string } | undefined {
  const own = entry.notes[locale]?.trim();
  if (own) return { text: own, locale, date: entry.date };
  const french = entry.notes[defaultLocale]?.trim();
  return french ? { text: french, locale: defaultLocale, date: entry.date } : undefined;
}

/**
 * The note on the version online, archived when a publication replaces or retires it: the
 * French text and every translation an expert validated against this very note.
 */
export function archivedNote(online: {
  changeNote?: Partial<Record<string, string | null>> | null;
  changeNoteDate?: string | null;
  translationStatus?: TranslationStatus | null;
}): ChangeHistoryEntry | undefined {
  const french = online.changeNote?.[defaultLocale]?.trim();
  if (!online.changeNoteDate || !french) return undefined;
  const notes: Partial<Record<Locale, string>> = { [defaultLocale]: french };
  for (const [locale, units] of Object.entries(online.translationStatus ?? {})) {
    const text = online.changeNote?.[locale]?.trim();
    if (text && units?.changeNote?.state === 'validated') notes[locale as Locale] = text;
  }
  return { date: online.changeNoteDate, notes };
}

type FreshnessInput = {
  lastCheckedAt?: string | null | undefined;
  nextReviewAt?: string | null | undefined;
  changedAt?: string | null | undefined;
  updatedAt: string;
  changeNote?: Partial<Record<string, string | null>> | null | undefined;
  changeNoteDate?: string | null | undefined;
  changeHistory?: readonly ChangeHistoryEntry[] | null | undefined;
  translationStatus?: TranslationStatus | null | undefined;
};

/** The last real change: a check moves `updatedAt` but not this. Older snapshots have only `updatedAt`. */
export function lastChangeOf(fiche: Pick<FreshnessInput, 'changedAt' | 'updatedAt'>): string {
  return fiche.changedAt ?? fiche.updatedAt;
}

/** The date of the last check; a fiche never checked was checked when last changed (its publication). */
export function lastCheckOf(fiche: Pick<FreshnessInput, 'lastCheckedAt' | 'changedAt' | 'updatedAt'>): string {
  return fiche.lastCheckedAt ?? lastChangeOf(fiche);
}

export type Freshness = {
  checkedAt: string;
  changedAt: string;
  /** Set when readers must be warned: unchecked for more than its interval past the due date. */
  staleSince?: string;
  /** Newest first; each note in `locale` where validated for it, else French. */
  history: { text: string; locale: Locale; date: string }[];
};

/**
 * What a fiche page says about its freshness in `locale` at `now` (the build's clock). Dates are
 * the French fiche's: a check concerns the facts, whatever the language of the page.
 */
export function ficheFreshness(fiche: FreshnessInput, locale: Locale, now: Date): Freshness {
  const checkedAt = lastCheckOf(fiche);
  const stale = fiche.nextReviewAt && isLongOverdue({ lastCheckedAt: checkedAt, nextReviewAt: fiche.nextReviewAt }, now);
  const entries: ChangeHistoryEntry[] = [...(fiche.changeHistory ?? [])];
  const french = fiche.changeNote?.[defaultLocale]?.trim();
  if (fiche.changeNoteDate && french) {
    const current =
      locale !== defaultLocale && fiche.translationStatus?.[locale as Exclude<Locale, 'fr'>]?.changeNote?.state === 'validated';
    const own = current ? fiche.changeNote?.[locale]?.trim() : undefined;
    entries.push({ date: fiche.changeNoteDate, notes: { fr: french, ...(own ? { [locale]: own } : {}) } });
  }
  const history = entries
    .map((entry) => historyNoteIn(entry, locale))
    .filter((note): note is NonNullable<typeof note> => Boolean(note))
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  return { checkedAt, changedAt: lastChangeOf(fiche), ...(stale ? { staleSince: checkedAt } : {}), history };
}
