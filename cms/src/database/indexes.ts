/**
 * Indexes Payload does not create by itself, for a corpus of 1,000 fiches × 8 languages.
 *
 * SQLite: Payload gives each `*_locales` table only UNIQUE(_locale, _parent_id). With the locale
 * first, every lookup of a document's localized row by `_parent_id` (each localized read, each
 * row of every list) scanned the whole table: the drafts list grew with the square of the corpus
 * (21 s per page at 1,000 fiches). The versions table is read as "latest version of each
 * document, newest first, 10 per page": without an index on (latest, updated_at) SQLite sorted
 * every latest version — and computed its arrays and locales — before applying LIMIT.
 *
 * MongoDB stores locales inside the document, so only the versions index applies there
 * (`ensureVersionIndexes`). The indexes on the collections' own fields are declared in the
 * collection configs (`indexes`, `index: true`) so both databases get them from one place.
 */
import type { SQLiteSchemaHook } from '@payloadcms/db-sqlite';
import { index } from '@payloadcms/db-sqlite/drizzle/sqlite-core';

/** Tables whose names end in `_locales` get an index led by `_parent_id`. */
export const addScaleIndexes: SQLiteSchemaHook = ({ schema, extendTable }) => {
  for (const [name, table] of Object.entries(schema.tables)) {
    const columns = table as unknown as Record<string, Parameters<ReturnType<typeof index>['on']>[0]>;
    if (name.endsWith('_locales') && columns._parentID && columns._locale) {
      extendTable({
        table,
        extraConfig: (t) => ({
          [`${name}_parent_id_locale_idx`]: index(`${name}_parent_id_locale_idx`).on(t._parentID, t._locale),
        }),
      });
    }
    // Versions tables of drafts-enabled collections: the admin list and every "latest version" read.
    if (/^_.+_v$/.test(name) && columns.latest && columns.version_updatedAt && columns.createdAt) {
      extendTable({
        table,
        extraConfig: (t) => ({
          [`${name}_latest_updated_idx`]: index(`${name}_latest_updated_idx`).on(t.latest, t.version_updatedAt, t.createdAt),
        }),
      });
    }
    // The dashboards' coverage: one GROUP BY answered from this index alone (translation/dashboard.ts).
    if (name === 'translations' && columns.progress_total) {
      extendTable({
        table,
        extraConfig: (t) => ({
          translations_language_progress_idx: index('translations_language_progress_idx').on(
            t.language,
            t.progress_total,
            t.progress_validated,
            t.progress_outdated,
            t.progress_toReview,
          ),
        }),
      });
    }
  }
  return schema;
};

type MongoVersionModels = {
  versions: Record<
    string,
    { collection: { createIndex: (keys: Record<string, 1 | -1>, options: { name: string }) => Promise<unknown> } } | undefined
  >;
};

/**
 * MongoDB: the same "latest versions, newest first" index on each versions collection (Payload
 * indexes `latest` and `updatedAt` separately). Locales live inside each document there, so they
 * need nothing. Idempotent: createIndex leaves an identical existing index alone.
 */
export async function ensureMongoVersionIndexes(adapter: unknown): Promise<void> {
  for (const model of Object.values((adapter as MongoVersionModels).versions)) {
    await model?.collection.createIndex({ latest: 1, 'version.updatedAt': -1, createdAt: -1 }, { name: 'latest_updated' });
  }
}
