/**
 * Keeps the translation memory current: after each save of a translation whose validated units
 * changed (a validation, French changes that outdate units or restore them, a minor change),
 * its pairs are written again from the units validated against the current French. Outdated
 * units leave the memory; one fiche's translation is a few dozen rows.
 */
import { getTableColumns, getTableName } from '@payloadcms/db-sqlite/drizzle';
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload, PayloadRequest } from 'payload';

import type { UnitKey } from '@passerelle/content-schemas';

import type { Translation, TranslationMemory } from '../../payload-types';
import { queryLogger } from '../../database/queryLog';
import { keepRequestLocale } from '../../utilities/keepRequestLocale';
import { latestFrenchOf } from '../frenchOf';
import { recordsOf, type UnitRecord } from '../records';
import type { ImportedTranslations } from '../sync';
import { translatableContentOf, unitsOf, type TranslatableContent } from '../units';
import { bandsOf, frenchHash, segmentsOf } from './segments';

const slug = 'translation-memory';
const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: string }).id : (value as string));

/** What the memory depends on in one unit's record: validated, against which French, outdated since. */
const recordSignature = (record: UnitRecord | undefined) =>
  record?.validatedAt && record.fingerprint ? `${record.fingerprint}:${record.validatedAt}:${record.outdatedAt ?? ''}` : '';

/** What the memory depends on in a translation's records: which units are validated against which French. */
function validatedSignature(units: unknown): string {
  return Object.entries(recordsOf(units))
    .filter(([, record]) => recordSignature(record))
    .map(([key, record]) => `${key}:${recordSignature(record)}`)
    .sort()
    .join('|');
}

type MemoryRow = Omit<TranslationMemory, 'id'>;
type SqlDatabase = {
  drizzle: { insert: (table: unknown) => { values: (rows: object[]) => PromiseLike<unknown> } };
  tables: Record<string, unknown>;
  sessions?: Record<string | number, { db?: SqlDatabase['drizzle'] } | undefined>;
  /** libSQL's client, on SQLite: the connection `drizzle` runs on. */
  client?: { execute: (statement: { sql: string; args: unknown[] }) => Promise<unknown> };
};

type Column = { name: string; columnType?: string; default?: unknown; defaultFn?: () => unknown };

/** Drizzle's SQLite columns whose values libSQL takes as they are (no JSON, boolean or date mapping). */
const plainColumnTypes = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal', 'SQLiteNumeric']);

/**
 * The memory's INSERT written once per row count, with its columns in the table's order and
 * ids from the table's own default (Payload's UUIDs): Drizzle's builder checked and mapped each
 * of the ≈ 3,000 values of an imported fiche's pairs one by one. Only for a table whose columns
 * are plain values without a default of the database's (true of the memory); otherwise undefined.
 */
function plainInsert(table: unknown): ((rows: MemoryRow[]) => { sql: string; args: unknown[] }) | undefined {
  const entries = Object.entries(getTableColumns(table as never)) as [string, Column][];
  if (entries.some(([, column]) => column.default !== undefined || !plainColumnTypes.has(column.columnType ?? '')))
    return undefined;
  const tableName = getTableName(table as never);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const head = `insert into ${quote(tableName)} (${entries.map(([, column]) => quote(column.name)).join(', ')}) values `;
  const tuple = `(${entries.map(() => '?').join(', ')})`;
  return (rows) => ({
    sql: head + rows.map(() => tuple).join(', '),
    args: rows.flatMap((row) =>
      entries.map(([key, column]) => (row as Record<string, unknown>)[key] ?? column.defaultFn?.() ?? null),
    ),
  });
}

const plainInserts = new WeakMap<object, ReturnType<typeof plainInsert>>();

/** `plainInsert` of a table, made once per table. */
function plainInsertOf(table: object): ReturnType<typeof plainInsert> {
  if (!plainInserts.has(table)) plainInserts.set(table, plainInsert(table));
  return plainInserts.get(table);
}

/** Rows per INSERT: 13 bound values each, far under SQLite's limit, and few distinct statements to prepare. */
export const rowsPerInsert = 100;

/**
 * Writes a translation's pairs in a few multi-row INSERTs on SQL databases: one `payload.db.create`
 * per pair was an INSERT and a read-back each, about 460 of the 560 statements of an imported
 * fiche. The rows go through the connection (or transaction) the rest of the request uses, so
 * they commit or roll back with it; Drizzle's table fills the ids as Payload's create would.
 * Other adapters (MongoDB) keep Payload's create, one pair at a time.
 */
async function insertRows(payload: Payload, rows: MemoryRow[], req?: PayloadRequest): Promise<void> {
  if (rows.length === 0) return;
  const db = payload.db as unknown as Partial<SqlDatabase>;
  const table = db.tables?.[slug.replace(/-/g, '_')];
  if (db.drizzle && table) {
    // As Payload's own writes (getTransaction): the request's transaction when it has one. On
    // SQLite without `transactionOptions` its id resolves to null, and the import's BEGIN…COMMIT
    // is on the adapter's one connection, which is `db.drizzle`.
    const transactionID = req?.transactionID ? await req.transactionID : undefined;
    const session = transactionID != null ? db.sessions?.[transactionID]?.db : undefined;
    const plain = !session && db.client ? plainInsertOf(table as object) : undefined;
    for (let start = 0; start < rows.length; start += rowsPerInsert) {
      const slice = rows.slice(start, start + rowsPerInsert);
      if (plain && db.client) {
        const statement = plain(slice);
        // Past Drizzle, so told to its logger by hand: the query guards and the bench's counts see it.
        queryLogger.logQuery(statement.sql, statement.args);
        await db.client.execute(statement);
      } else await (session || db.drizzle).insert(table).values(slice);
    }
    return;
  }
  for (const data of rows) await payload.db.create({ collection: slug, data, req, returning: false });
}

export async function refreshMemoryOf(
  payload: Payload,
  translation: Pick<Translation, 'id' | 'fiche' | 'language' | 'units'>,
  req?: PayloadRequest,
  /** The fiche's latest French, when the caller holds it. */
  latestFrench?: TranslatableContent,
  /** A translation created in this request: no pair of it can be stored yet (ids are UUIDs, never reused). */
  created = false,
): Promise<number> {
  const ficheId = idOf(translation.fiche);
  const read = (locale: string) =>
    payload.findByID({
      collection: 'fiches',
      id: ficheId,
      locale: locale as 'fr',
      fallbackLocale: false,
      draft: true,
      depth: 0,
      overrideAccess: true,
      req,
    });
  // Through the request's French (frenchOf.ts): a bulk import then reads it once per fiche, not
  // once more per language it validates.
  const french = latestFrench ?? translatableContentOf(await (req ? latestFrenchOf(ficheId, req) : read('fr')));
  const current = unitsOf(french);
  const records = recordsOf(translation.units);
  const upToDate = (Object.keys(records) as UnitKey[]).filter((key) => {
    const record = records[key];
    return record?.validatedAt && !record.outdatedAt && record.fingerprint === current.get(key)?.fingerprint;
  });
  // The validated text is the fiche's in that language (publishValidated wrote it): the
  // translation document may already hold a newer proposal. In a bulk import it is the text the
  // import brings for that language, which importedLocales.ts wrote into the fiche in this very
  // request: no read of the whole fiche again per language (7 per imported fiche).
  const imported = (req?.context.importedTranslations as ImportedTranslations | undefined)?.[
    translation.language as keyof ImportedTranslations
  ];
  const validated = upToDate.length === 0 ? undefined : (imported ?? (await read(translation.language)));
  const segments = validated ? segmentsOf(french, translatableContentOf(validated as TranslatableContent), upToDate) : [];
  if (!created) await payload.db.deleteMany({ collection: slug, where: { translation: { equals: translation.id } }, req });
  const rows = segments.map((segment) => ({
    language: translation.language,
    translation: translation.id,
    fiche: ficheId,
    ...segment,
    hash: frenchHash(translation.language, segment.french),
    ...Object.fromEntries(bandsOf(translation.language, segment.french).map((band, index) => [`band${index}`, band])),
  }));
  await insertRows(payload, rows, req);
  return segments.length;
}

/** Translations, afterChange (after publishValidated): the memory follows the validated units. */
export const updateMemory: CollectionAfterChangeHook<Translation> = async ({ doc, previousDoc, operation, req }) => {
  if (validatedSignature(doc.units) === validatedSignature(previousDoc?.units)) return doc;
  await keepRequestLocale(req, () => refreshMemoryOf(req.payload, doc, req, undefined, operation === 'create'));
  return doc;
};

/**
 * The memory after a French save moved some of a translation's records (translation/sync.ts
 * `followFrench`, which writes the records without a Local API update, so `updateMemory` does
 * not run). When every unit that moved is now outdated, its pairs are removed and the others
 * stay: they hang on their own unit's French and validated text only, which did not change. Any
 * other move (a unit back to validated, a minor change moving fingerprints) writes the
 * translation's pairs again, as `updateMemory` does.
 */
export async function followMemory(
  payload: Payload,
  translation: Pick<Translation, 'id' | 'fiche' | 'language' | 'units'>,
  unitsBefore: unknown,
  french: TranslatableContent,
  req?: PayloadRequest,
): Promise<void> {
  const before = recordsOf(unitsBefore);
  const after = recordsOf(translation.units);
  const moved = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => recordSignature(before[key as UnitKey]) !== recordSignature(after[key as UnitKey]),
  ) as UnitKey[];
  if (moved.length === 0) return;
  if (moved.every((key) => after[key]?.outdatedAt)) {
    await payload.db.deleteMany({
      collection: slug,
      where: { and: [{ translation: { equals: translation.id } }, { unit: { in: moved } }] },
      req,
    });
    return;
  }
  await refreshMemoryOf(payload, translation, req, french);
}

/** Translations, afterDelete: a deleted fiche's translations leave the memory. */
export const forgetMemory: CollectionAfterDeleteHook<Translation> = async ({ id, req }) => {
  await req.payload.db.deleteMany({ collection: slug, where: { translation: { equals: id } }, req });
};

/**
 * Fills the memory from every translation with validated units, 100 at a time: for a database
 * made before the memory existed (the lead's merged migration calls it, as the progress backfill).
 */
export async function backfillTranslationMemory(payload: Payload, req?: PayloadRequest): Promise<number> {
  let rows = 0;
  for (let page = 1; ; page += 1) {
    const result = await payload.find({
      collection: 'translations',
      where: { 'progress.validated': { greater_than: 0 } },
      select: { fiche: true, language: true, units: true },
      depth: 0,
      limit: 100,
      page,
      sort: 'createdAt',
      overrideAccess: true,
      req,
    });
    for (const translation of result.docs) rows += await refreshMemoryOf(payload, translation as Translation, req);
    if (!result.hasNextPage) return rows;
  }
}
