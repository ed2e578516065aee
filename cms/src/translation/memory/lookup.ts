/**
 * Translation memory lookup for one French unit: exact matches by the hash of the normalized
 * French, fuzzy candidates by MinHash bands — both single-column index lookups of a few rows
 * each — then scored here with a word diff. Never a scan of the translations.
 */
import type { Payload } from 'payload';

import { sql } from '@payloadcms/db-sqlite';

import { wordDiff, type DiffPart } from '../wordDiff';
import { bandsOf, frenchHash, minimumSimilarity, similarity, type UnitPieces } from './segments';

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

type Row = {
  id: string;
  french: string;
  target: string;
  scope: 'unit' | 'sentence';
  fiche: string;
  translation: string;
  via?: Set<number>;
};
/** One index lookup: rows whose `column` is `value`. */
type Lookup = { column: string; value: string };

/** Rows read per hash or band value: enough for the best of a sentence validated in many fiches. */
const perValueLimit = 8;
/** MongoDB reads one `$or` with an overall limit. */
const candidateLimit = 200;
export const matchesShown = 3;

const percent = (value: number) => Math.floor(value * 100);

/**
 * Rows whose hash or one band is one of the given values, in no order. SQLite: one statement, a
 * union of single-column index lookups of at most `perValueLimit` rows each — a common sentence
 * (the same French validated in hundreds of fiches) then fills its own few rows instead of the
 * whole candidate set, and no lookup reads more than (values × limit) rows. MongoDB: one `$or`
 * of `$in`s with an overall limit. Payload's `find` always sorts, which would make the database
 * collect and sort every candidate first.
 */
async function candidates(payload: Payload, lookups: Lookup[]): Promise<Row[]> {
  const db = payload.db as unknown as {
    drizzle?: { all: (query: unknown) => Promise<unknown[]> };
    collections?: Record<
      string,
      { find: (filter: object, projection: object) => { limit: (n: number) => { lean: () => Promise<unknown[]> } } }
    >;
  };
  if (db.drizzle) {
    // Each row says which lookup found it (`via`): it is then scored against that text only.
    const selects = lookups.map(
      ({ column, value }, index) =>
        sql`select * from (select ${index} as "via", "id", "french", "target", "scope", "fiche", "translation" from "translation_memory" where ${sql.identifier(column)} = ${value} limit ${perValueLimit})`,
    );
    // SQLite takes at most 500 terms in one compound select: a very long unit asks in parts.
    const rows: unknown[] = [];
    for (let start = 0; start < selects.length; start += 400)
      rows.push(...(await db.drizzle.all(sql.join(selects.slice(start, start + 400), sql` union all `))));
    const byId = new Map<string, Row>();
    for (const row of rows) {
      const [via, id, french, target, scope, fiche, translation] = Object.values(row as Record<string, unknown>);
      const known = byId.get(String(id));
      if (known) known.via?.add(Number(via));
      else
        byId.set(String(id), {
          id: String(id),
          french: String(french),
          target: String(target),
          scope: scope as Row['scope'],
          fiche: String(fiche),
          translation: String(translation),
          via: new Set([Number(via)]),
        });
    }
    return [...byId.values()];
  }
  const columns: Record<string, string[]> = {};
  for (const { column, value } of lookups) (columns[column] ??= []).push(value);
  const model = db.collections?.['translation-memory'];
  if (!model) throw new Error('memoryMatches: no translation-memory collection on this database adapter');
  const filter = { $or: Object.entries(columns).map(([column, values]) => ({ [column]: { $in: values } })) };
  const rows = (await model
    .find(filter, { french: 1, target: 1, scope: 1, fiche: 1, translation: 1 })
    .limit(candidateLimit)
    .lean()) as (Omit<Row, 'id'> & { _id: unknown })[];
  return rows.map(({ _id, ...row }) => ({ ...row, id: String(_id) }));
}

export async function memoryMatches(
  payload: Payload,
  args: { language: string; unit: UnitPieces; excludeTranslation?: string },
): Promise<MemoryMatch[]> {
  const { language, unit } = args;
  const texts = [...new Set([unit.text, ...unit.pieces])];
  // The lookups of each text (the whole unit, each sentence): its hash and its bands, each once.
  const lookups: Lookup[] = [];
  const textsOfLookup: number[][] = [];
  const lookupIndex = new Map<string, number>();
  texts.forEach((text, textIndex) => {
    const values = [
      { column: 'hash', value: frenchHash(language, text) },
      ...bandsOf(language, text).map((value, band) => ({ column: `band${band}`, value })),
    ];
    for (const lookup of values) {
      const key = `${lookup.column}\u0000${lookup.value}`;
      let index = lookupIndex.get(key);
      if (index === undefined) {
        index = lookups.push(lookup) - 1;
        lookupIndex.set(key, index);
        textsOfLookup.push([]);
      }
      textsOfLookup[index]!.push(textIndex);
    }
  });
  const docs = await candidates(payload, lookups);
  // The same pair validated in several fiches is one suggestion: scored once.
  const pairs = new Map<string, Row>();
  for (const row of docs) {
    if (row.translation === args.excludeTranslation) continue;
    const key = `${row.scope}\u0000${row.french}\u0000${row.target}`;
    const known = pairs.get(key);
    if (!known) pairs.set(key, row);
    else if (known.via && row.via) for (const via of row.via) known.via.add(via);
    else known.via = undefined;
  }
  const rows = [...pairs.values()];
  /** Whether a row shares the hash or a band of that text: the others cannot reach the threshold often enough to be worth a diff. */
  const related = (row: Row, textIndex: number) =>
    !row.via || [...row.via].some((via) => textsOfLookup[via]!.includes(textIndex));

  // The same sentence is often validated in many fiches: score each distinct French text once.
  const scores = new Map<string, number>();
  const scoreOf = (french: string, text: string) => {
    const key = `${french}\u0000${text}`;
    let score = scores.get(key);
    if (score === undefined) scores.set(key, (score = similarity(french, text)));
    return score;
  };

  const matches: MemoryMatch[] = [];
  // The marked differences are a word diff: worked out for the matches shown only (below).
  const matchOf = (french: string, target: string, score: number, kind: MemoryMatch['kind'], fiche: string): MemoryMatch => ({
    french,
    differences: [],
    target,
    similarity: percent(score),
    kind,
    fiche,
  });

  for (const row of rows) {
    if (!related(row, 0)) continue;
    const score = scoreOf(row.french, unit.text);
    if (score >= minimumSimilarity) matches.push(matchOf(row.french, row.target, score, 'unit', row.fiche));
  }

  // Put together from sentences validated anywhere: worth it when every sentence has a match.
  if (unit.pieces.length > 1) {
    const sentenceRows = rows.filter((row) => row.scope === 'sentence');
    const best = unit.pieces.map((piece) => {
      const textIndex = texts.indexOf(piece);
      let found: { row: Row; score: number } | undefined;
      for (const row of sentenceRows) {
        if (!related(row, textIndex)) continue;
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
    .slice(0, matchesShown)
    .map((match) => ({ ...match, differences: wordDiff(match.french, unit.text) }));
}
