/**
 * Translation memory lookup for one French unit: exact matches by the hash of the normalized
 * French, fuzzy candidates by MinHash bands — both single-column index lookups, at most
 * `candidateLimit` rows — then scored here with a word diff. Never a scan of the translations.
 */
import type { Payload } from 'payload';

import { sql } from '@payloadcms/db-sqlite';



import { wordDiff, type DiffPart } from '../wordDiff';
import { bandCount, bandsOf, frenchHash, minimumSimilarity, similarity, type UnitPieces } from './segments';

export type MemoryMatch = {
  /** The French the translation was made from, and how it differs from the unit's French. */
  french: string;
  differences: DiffPart[];
  /** The validated translation: a section item's title on the first line, then its body. */
  target: string;
  /** 0–100, 100 for the same French. */
  similarity: number;
  /** A whole unit of another fiche, or the unit put together from validated sentences. */
  kind: 'unit' | 'sentences';
  fiche: string;
};

type Row = { id: string; french: string; target: string; scope: 'unit' | 'sentence'; fiche: string; translation: string };

const candidateLimit = 200;
export const matchesShown = 3;

const percent = (value: number) => Math.floor(value * 100);

/**
 * Rows whose hash or one band is among the given values, at most `candidateLimit`, in no order:
 * a union of single-column index lookups (SQLite's multi-index OR, MongoDB's $or). Payload's
 * `find` always sorts, which would make SQLite collect and sort every candidate first.
 */
async function candidates(payload: Payload, columns: Record<string, string[]>): Promise<Row[]> {
  const db = payload.db as unknown as {
    drizzle?: { all: (query: unknown) => Promise<unknown[]> };
    collections?: Record<string, { find: (filter: object, projection: object) => { limit: (n: number) => { lean: () => Promise<unknown[]> } } }>;
  };
  if (db.drizzle) {
    const conditions = Object.entries(columns).map(([column, values]) => sql`${sql.identifier(column)} in (${sql.join(values.map((value) => sql`${value}`), sql`, `)})`);
    const rows = await db.drizzle.all(
      sql`select "id", "french", "target", "scope", "fiche", "translation" from "translation_memory" where ${sql.join(conditions, sql` or `)} limit ${candidateLimit}`,
    );
    return rows.map((row) => {
      const [id, french, target, scope, fiche, translation] = Object.values(row as Record<string, unknown>);
      return { id: String(id), french: String(french), target: String(target), scope: scope as Row['scope'], fiche: String(fiche), translation: String(translation) };
    });
  }
  const model = db.collections?.['translation-memory'];
  if (!model) throw new Error('memoryMatches: no translation-memory collection on this database adapter');
  const filter = { $or: Object.entries(columns).map(([column, values]) => ({ [column]: { $in: values } })) };
  const rows = (await model.find(filter, { french: 1, target: 1, scope: 1, fiche: 1, translation: 1 }).limit(candidateLimit).lean()) as (Omit<Row, 'id'> & { _id: unknown })[];
  return rows.map(({ _id, ...row }) => ({ ...row, id: String(_id) }));
}

export async function memoryMatches(
  payload: Payload,
  args: { language: string; unit: UnitPieces; excludeTranslation?: string },
): Promise<MemoryMatch[]> {
  const { language, unit } = args;
  const texts = [...new Set([unit.text, ...unit.pieces])];
  const hashes = texts.map((text) => frenchHash(language, text));
  const bands = texts.map((text) => bandsOf(language, text));
  const columns: Record<string, string[]> = { hash: hashes };
  for (let band = 0; band < bandCount; band += 1) {
    const values = [...new Set(bands.map((list) => list[band]).filter((value): value is string => Boolean(value)))];
    if (values.length > 0) columns[`band${band}`] = values;
  }
  const docs = await candidates(payload, columns);
  const rows = docs.filter((row) => row.translation !== args.excludeTranslation);

  // The same sentence is often validated in many fiches: score each distinct French text once.
  const scores = new Map<string, number>();
  const scoreOf = (french: string, text: string) => {
    const key = `${french}\u0000${text}`;
    let score = scores.get(key);
    if (score === undefined) scores.set(key, (score = similarity(french, text)));
    return score;
  };

  const matches: MemoryMatch[] = [];
  const matchOf = (french: string, target: string, score: number, kind: MemoryMatch['kind'], fiche: string): MemoryMatch => ({
    french,
    differences: wordDiff(french, unit.text),
    target,
    similarity: percent(score),
    kind,
    fiche,
  });

  for (const row of rows) {
    const score = scoreOf(row.french, unit.text);
    if (score >= minimumSimilarity) matches.push(matchOf(row.french, row.target, score, 'unit', row.fiche));
  }

  // Put together from sentences validated anywhere: worth it when every sentence has a match.
  if (unit.pieces.length > 1) {
    const sentenceRows = rows.filter((row) => row.scope === 'sentence');
    const best = unit.pieces.map((piece) => {
      let found: { row: Row; score: number } | undefined;
      for (const row of sentenceRows) {
        const score = scoreOf(row.french, piece);
        if (score >= minimumSimilarity && score > (found?.score ?? 0)) found = { row, score };
      }
      return found;
    });
    if (best.every(Boolean)) {
      const parts = best as { row: Row; score: number }[];
      const weight = unit.pieces.reduce((sum, piece) => sum + piece.length, 0);
      const score = parts.reduce((sum, part, index) => sum + part.score * unit.pieces[index]!.length, 0) / weight;
      const [first, ...rest] = parts.map((part) => part.row.target);
      // A section item: its title, then its body as one paragraph.
      const target = unit.sectioned ? [first, rest.join(' ')].filter(Boolean).join('\n') : [first, ...rest].join(' ');
      const french = parts.map((part) => part.row.french).join(' ');
      matches.push(matchOf(french, target, score, 'sentences', parts[0]!.row.fiche));
    }
  }

  const seen = new Set<string>();
  return matches
    .sort((a, b) => b.similarity - a.similarity || (a.kind === 'unit' ? -1 : 1))
    .filter((match) => (seen.has(match.target) ? false : (seen.add(match.target), true)))
    .slice(0, matchesShown);
}

