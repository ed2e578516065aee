/**
 * The figures of the translation dashboards, read from the progress each translation document
 * keeps (translation/progress.ts): indexed lists of at most `limit` rows per language, and one
 * aggregate for the coverage — never the French and every translation of the corpus per visit.
 */
import type { Payload, Where } from 'payload';

import { sql } from '@payloadcms/db-sqlite';

import type { Translation } from '../payload-types';
import type { TranslationProgress } from './progress';

export type DashboardRow = { id: string; fiche: string; language: string; status: string; progress: TranslationProgress };
export type DashboardList = { rows: DashboardRow[]; total: number };
export type Coverage = Record<string, Omit<TranslationProgress, 'toDo'>>;

const select = { label: true, language: true, status: true, progress: true } as const;

function rowOf(doc: Pick<Translation, 'id' | 'label' | 'language' | 'status' | 'progress'>): DashboardRow {
  const suffix = ` — ${doc.language}`;
  const label = doc.label ?? '(sans titre)';
  const progress = doc.progress ?? {};
  return {
    id: doc.id,
    fiche: label.endsWith(suffix) ? label.slice(0, -suffix.length) : label,
    language: doc.language,
    status: doc.status,
    progress: {
      total: progress.total ?? 0,
      validated: progress.validated ?? 0,
      outdated: progress.outdated ?? 0,
      toReview: progress.toReview ?? 0,
      toDo: progress.toDo ?? 0,
      wordsToTranslate: progress.wordsToTranslate ?? 0,
    },
  };
}

/** One indexed query per language (a translator has one or two), merged: each is read in index order. */
async function perLanguage(
  payload: Payload,
  languages: readonly string[],
  where: (language: string) => Where,
  sort: string,
  order: (a: DashboardRow, b: DashboardRow) => number,
  limit: number,
): Promise<DashboardList> {
  const pages = await Promise.all(
    languages.map((language) =>
      payload.find({ collection: 'translations', where: where(language), sort, limit, depth: 0, select, overrideAccess: true }),
    ),
  );
  const rows = pages.flatMap((page) => page.docs.map((doc) => rowOf(doc as Translation))).sort(order);
  return { rows: rows.slice(0, limit), total: pages.reduce((sum, page) => sum + page.totalDocs, 0) };
}

/** What is left to translate or to update in these languages, most outdated first. */
export function workList(payload: Payload, languages: readonly string[], limit = 50): Promise<DashboardList> {
  return perLanguage(
    payload,
    languages,
    (language): Where => ({ language: { equals: language }, 'progress.toDo': { greater_than: 0 } }),
    '-progress.outdated',
    (a, b) => b.progress.outdated - a.progress.outdated,
    limit,
  );
}

/** Translations with units waiting for an expert, the fullest first. */
export function reviewQueue(payload: Payload, languages: readonly string[], limit = 50): Promise<DashboardList> {
  return perLanguage(
    payload,
    languages,
    (language): Where => ({ language: { equals: language }, 'progress.toReview': { greater_than: 0 } }),
    '-progress.toReview',
    (a, b) => b.progress.toReview - a.progress.toReview,
    limit,
  );
}

type Sums = { language: string; total: number; validated: number; outdated: number; toReview: number; wordsToTranslate: number };

/**
 * Units per state and language over the whole corpus: one GROUP BY that SQLite answers from the
 * covering index (language, progress…) — a few bytes per translation — or one $group on MongoDB.
 */
export async function coverage(payload: Payload): Promise<Coverage> {
  const db = payload.db as unknown as {
    name?: string;
    drizzle?: { all: (query: unknown) => Promise<unknown[]> };
    collections?: Record<string, { aggregate: (pipeline: object[]) => Promise<unknown[]> }>;
  };
  let sums: Sums[];
  if (db.drizzle) {
    const rows = await db.drizzle.all(
      sql`select "language", sum("progress_total"), sum("progress_validated"), sum("progress_outdated"), sum("progress_to_review") from "translations" group by "language"`,
    );
    // Words to translate: a second sum, from its own (language, words) index — one covering index each.
    const words = new Map(
      (
        await db.drizzle.all(sql`select "language", sum("progress_words_to_translate") from "translations" group by "language"`)
      ).map((row) => {
        const [language, sum] = Object.values(row as Record<string, unknown>);
        return [String(language), Number(sum ?? 0)] as const;
      }),
    );
    sums = rows.map((row) => {
      const [language, total, validated, outdated, toReview] = Object.values(row as Record<string, unknown>);
      return {
        language: String(language),
        total: Number(total ?? 0),
        validated: Number(validated ?? 0),
        outdated: Number(outdated ?? 0),
        toReview: Number(toReview ?? 0),
        wordsToTranslate: words.get(String(language)) ?? 0,
      };
    });
  } else {
    const model = db.collections?.translations;
    if (!model) throw new Error('coverage: no translations collection on this database adapter');
    const rows = (await model.aggregate([
      {
        $group: {
          _id: '$language',
          total: { $sum: '$progress.total' },
          validated: { $sum: '$progress.validated' },
          outdated: { $sum: '$progress.outdated' },
          toReview: { $sum: '$progress.toReview' },
          wordsToTranslate: { $sum: '$progress.wordsToTranslate' },
        },
      },
    ])) as ({ _id: string } & Omit<Sums, 'language'>)[];
    sums = rows.map(({ _id, ...figures }) => ({ language: _id, ...figures }));
  }
  return Object.fromEntries(sums.map(({ language, ...figures }) => [language, figures]));
}
