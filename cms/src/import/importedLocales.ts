/**
 * A fiche and all its languages in one write, for the bulk import only.
 *
 * Payload writes one language per operation: an imported fiche in eight languages used to be
 * created in French, then updated once per language by the translation workflow, each update
 * reading the whole fiche, validating it again and writing a new version with every language so
 * far (≈ 15 versions, 450 statements per fiche; 0.5 fiches/s). Here the French create carries the
 * other languages too: just before Payload hands the French document to the database, the
 * languages the import brings (`req.context.importedTranslations`) are added to its localized
 * fields, so the fiche, its published version and every language go in at once.
 *
 * Nothing skips validation: the same text is saved in the fiche's translation documents, in the
 * same transaction, whose fields are the fiche's (same limits, same rich-text link checks) and
 * whose workflow hook records each unit against the French. A refusal there rolls the fiche back.
 */
import { randomBytes } from 'node:crypto';

import type { Payload } from 'payload';

import type { ImportedTranslations } from '../translation/sync';

const sections = ['what', 'why', 'how', 'next'] as const;
const texts = ['title', 'brandName', 'administrationName', 'summary', 'changeNote'] as const;
const installed = Symbol.for('passerelle.importedLocales');

type Localized = Record<string, unknown>;

/** 24 hexadecimal digits, the shape of the ids Payload gives array rows. */
const rowId = () => randomBytes(12).toString('hex');

/** The French create's data with the imported languages added to each localized field. */
export function withImportedLocales(data: Record<string, unknown>, imported: ImportedTranslations): Record<string, unknown> {
  const result: Record<string, unknown> = { ...data };
  const localized = (field: string): Localized => {
    const value = result[field];
    // The French value Payload hands over is already `{ fr: … }`; a field with no French yet has none.
    return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Localized) } : {};
  };
  for (const field of texts) {
    const merged = localized(field);
    for (const [language, content] of Object.entries(imported)) {
      const value = content?.[field];
      if (value !== undefined && value !== null) merged[language] = value;
    }
    if (Object.keys(merged).length > 0) result[field] = merged;
  }
  for (const field of sections) {
    const merged = localized(field);
    for (const [language, content] of Object.entries(imported)) {
      const rows = content?.[field];
      // Each language's rows get their own ids, as Payload gives rows it creates.
      if (Array.isArray(rows)) merged[language] = rows.map(({ title, body }) => ({ id: rowId(), title, body }));
    }
    if (Object.keys(merged).length > 0) result[field] = merged;
  }
  // « Documents à fournir » is localized as a whole list: each language's rows are the French
  // rows (the shared document, the need) with that language's own name and note.
  const documents = localized('documents');
  const frenchRows = Array.isArray(documents.fr) ? (documents.fr as Localized[]) : [];
  for (const [language, content] of Object.entries(imported)) {
    const rows = content?.documents;
    if (!Array.isArray(rows) || frenchRows.length === 0) continue;
    documents[language] = frenchRows.map((row, index) => ({
      ...row,
      id: rowId(),
      name: rows[index]?.name ?? null,
      note: rows[index]?.note ?? null,
    }));
  }
  if (frenchRows.length > 0) result.documents = documents;
  return result;
}

/** Installs the step on this Payload's database adapter, once; it acts only on an import's fiche create. */
export function writeImportedLocalesOnCreate(payload: Payload): void {
  const db = payload.db as unknown as Record<symbol, boolean> & {
    create: (args: {
      collection: string;
      data: Record<string, unknown>;
      req?: { context?: Record<string, unknown> };
    }) => Promise<unknown>;
  };
  if (db[installed]) return;
  db[installed] = true;
  const create = db.create.bind(db);
  db.create = (args) => {
    const imported =
      args.collection === 'fiches' ? (args.req?.context?.importedTranslations as ImportedTranslations | undefined) : undefined;
    return create(imported ? { ...args, data: withImportedLocales(args.data, imported) } : args);
  };
}
