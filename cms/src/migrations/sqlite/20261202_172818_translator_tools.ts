import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { backfillReviewDates } from '../../review/reviewDates'
import { backfillSharedDocumentsMemory } from '../../translation/memory/sharedDocuments'
import { backfillTranslationMemory } from '../../translation/memory/store'
import { backfillTranslationProgress } from '../../translation/progress'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`machine_glossaries_entries\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`source\` text NOT NULL,
  	\`target\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`machine_glossaries\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`machine_glossaries_entries_order_idx\` ON \`machine_glossaries_entries\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`machine_glossaries_entries_parent_id_idx\` ON \`machine_glossaries_entries\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`machine_glossaries\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`language\` text NOT NULL,
  	\`deepl_glossary_id\` text,
  	\`deepl_entries_hash\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`machine_glossaries_language_idx\` ON \`machine_glossaries\` (\`language\`);`)
  await db.run(sql`CREATE INDEX \`machine_glossaries_updated_at_idx\` ON \`machine_glossaries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`machine_glossaries_created_at_idx\` ON \`machine_glossaries\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`machine_translation_usage\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`month\` text NOT NULL,
  	\`language\` text NOT NULL,
  	\`characters\` numeric DEFAULT 0 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`machine_translation_usage_updated_at_idx\` ON \`machine_translation_usage\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`machine_translation_usage_created_at_idx\` ON \`machine_translation_usage\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`month_language_idx\` ON \`machine_translation_usage\` (\`month\`,\`language\`);`)
  await db.run(sql`CREATE TABLE \`machine_translation_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`monthly_budgets_en\` numeric DEFAULT 50000 NOT NULL,
  	\`monthly_budgets_ar\` numeric DEFAULT 50000 NOT NULL,
  	\`monthly_budgets_ps\` numeric DEFAULT 50000 NOT NULL,
  	\`monthly_budgets_fa\` numeric DEFAULT 50000 NOT NULL,
  	\`monthly_budgets_ti\` numeric DEFAULT 50000 NOT NULL,
  	\`monthly_budgets_ru\` numeric DEFAULT 50000 NOT NULL,
  	\`monthly_budgets_uk\` numeric DEFAULT 50000 NOT NULL,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`machine_glossaries_id\` text(36) REFERENCES machine_glossaries(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`machine_translation_usage_id\` text(36) REFERENCES machine_translation_usage(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_machine_glossaries_id_idx\` ON \`payload_locked_documents_rels\` (\`machine_glossaries_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_machine_translation_usage__idx\` ON \`payload_locked_documents_rels\` (\`machine_translation_usage_id\`);`)
  // Data, once every column of the session's schema exists (the Local API reads them all): each
  // translation's figures (words to translate included), the memory from the translations already
  // validated (fiches' own documents and the shared documents' names included), and each fiche's
  // last change and next review date. Each step recomputes, so a database that ran them before is
  // left as it was.
  await backfillTranslationProgress(payload, req)
  await backfillTranslationMemory(payload, req)
  await backfillSharedDocumentsMemory(payload, req)
  await backfillReviewDates(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`machine_glossaries_entries\`;`)
  await db.run(sql`DROP TABLE \`machine_glossaries\`;`)
  await db.run(sql`DROP TABLE \`machine_translation_usage\`;`)
  await db.run(sql`DROP TABLE \`machine_translation_settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`fiches_id\` text(36),
  	\`translations_id\` text(36),
  	\`translation_memory_id\` text(36),
  	\`translation_work_log_id\` text(36),
  	\`themes_id\` text(36),
  	\`needs_id\` text(36),
  	\`documents_id\` text(36),
  	\`structures_id\` text(36),
  	\`media_id\` text(36),
  	\`users_id\` text(36),
  	\`builds_id\` text(36),
  	\`redirects_id\` text(36),
  	\`review_reminders_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`fiches_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`translations_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`translation_memory_id\`) REFERENCES \`translation_memory\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`translation_work_log_id\`) REFERENCES \`translation_work_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`needs_id\`) REFERENCES \`needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`documents_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`structures_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`builds_id\`) REFERENCES \`builds\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`redirects_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`review_reminders_id\`) REFERENCES \`review_reminders\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "fiches_id", "translations_id", "translation_memory_id", "translation_work_log_id", "themes_id", "needs_id", "documents_id", "structures_id", "media_id", "users_id", "builds_id", "redirects_id", "review_reminders_id") SELECT "id", "order", "parent_id", "path", "fiches_id", "translations_id", "translation_memory_id", "translation_work_log_id", "themes_id", "needs_id", "documents_id", "structures_id", "media_id", "users_id", "builds_id", "redirects_id", "review_reminders_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_fiches_id_idx\` ON \`payload_locked_documents_rels\` (\`fiches_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translations_id_idx\` ON \`payload_locked_documents_rels\` (\`translations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translation_memory_id_idx\` ON \`payload_locked_documents_rels\` (\`translation_memory_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translation_work_log_id_idx\` ON \`payload_locked_documents_rels\` (\`translation_work_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_themes_id_idx\` ON \`payload_locked_documents_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_needs_id_idx\` ON \`payload_locked_documents_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_documents_id_idx\` ON \`payload_locked_documents_rels\` (\`documents_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_structures_id_idx\` ON \`payload_locked_documents_rels\` (\`structures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_builds_id_idx\` ON \`payload_locked_documents_rels\` (\`builds_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_redirects_id_idx\` ON \`payload_locked_documents_rels\` (\`redirects_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_review_reminders_id_idx\` ON \`payload_locked_documents_rels\` (\`review_reminders_id\`);`)
}
