import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { backfillTranslationMemory } from '../../translation/memory/store'
import { backfillTranslationProgress } from '../../translation/progress'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`translation_memory\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`language\` text NOT NULL,
  	\`translation\` text NOT NULL,
  	\`fiche\` text NOT NULL,
  	\`unit\` text NOT NULL,
  	\`scope\` text NOT NULL,
  	\`french\` text NOT NULL,
  	\`target\` text NOT NULL,
  	\`hash\` text NOT NULL,
  	\`band0\` text,
  	\`band1\` text,
  	\`band2\` text,
  	\`band3\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`translation_memory_translation_idx\` ON \`translation_memory\` (\`translation\`);`)
  await db.run(sql`CREATE INDEX \`translation_memory_hash_idx\` ON \`translation_memory\` (\`hash\`);`)
  await db.run(sql`CREATE INDEX \`translation_memory_band0_idx\` ON \`translation_memory\` (\`band0\`);`)
  await db.run(sql`CREATE INDEX \`translation_memory_band1_idx\` ON \`translation_memory\` (\`band1\`);`)
  await db.run(sql`CREATE INDEX \`translation_memory_band2_idx\` ON \`translation_memory\` (\`band2\`);`)
  await db.run(sql`CREATE INDEX \`translation_memory_band3_idx\` ON \`translation_memory\` (\`band3\`);`)
  await db.run(sql`CREATE TABLE \`translation_work_log\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`at\` text NOT NULL,
  	\`kind\` text NOT NULL,
  	\`translator\` text NOT NULL,
  	\`language\` text NOT NULL,
  	\`translation\` text NOT NULL,
  	\`unit\` text NOT NULL,
  	\`words\` numeric NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`translation_work_log_at_idx\` ON \`translation_work_log\` (\`at\`);`)
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_words_to_translate\` numeric DEFAULT 0;`)
  await db.run(sql`CREATE INDEX \`language_progress_wordsToTranslate_idx\` ON \`translations\` (\`language\`,\`progress_words_to_translate\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`translation_memory_id\` text(36) REFERENCES translation_memory(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`translation_work_log_id\` text(36) REFERENCES translation_work_log(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translation_memory_id_idx\` ON \`payload_locked_documents_rels\` (\`translation_memory_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translation_work_log_id_idx\` ON \`payload_locked_documents_rels\` (\`translation_work_log_id\`);`)
  // Data made before these tables: the words to translate of every translation, then the memory
  // from the translations already validated (translation/progress.ts, translation/memory/store.ts).
  await backfillTranslationProgress(payload, req)
  await backfillTranslationMemory(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`translation_memory\`;`)
  await db.run(sql`DROP TABLE \`translation_work_log\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`fiches_id\` text(36),
  	\`translations_id\` text(36),
  	\`themes_id\` text(36),
  	\`needs_id\` text(36),
  	\`structures_id\` text(36),
  	\`media_id\` text(36),
  	\`users_id\` text(36),
  	\`builds_id\` text(36),
  	\`redirects_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`fiches_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`translations_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`needs_id\`) REFERENCES \`needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`structures_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`builds_id\`) REFERENCES \`builds\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`redirects_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "fiches_id", "translations_id", "themes_id", "needs_id", "structures_id", "media_id", "users_id", "builds_id", "redirects_id") SELECT "id", "order", "parent_id", "path", "fiches_id", "translations_id", "themes_id", "needs_id", "structures_id", "media_id", "users_id", "builds_id", "redirects_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_fiches_id_idx\` ON \`payload_locked_documents_rels\` (\`fiches_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translations_id_idx\` ON \`payload_locked_documents_rels\` (\`translations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_themes_id_idx\` ON \`payload_locked_documents_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_needs_id_idx\` ON \`payload_locked_documents_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_structures_id_idx\` ON \`payload_locked_documents_rels\` (\`structures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_builds_id_idx\` ON \`payload_locked_documents_rels\` (\`builds_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_redirects_id_idx\` ON \`payload_locked_documents_rels\` (\`redirects_id\`);`)
  await db.run(sql`DROP INDEX \`language_progress_wordsToTranslate_idx\`;`)
  await db.run(sql`ALTER TABLE \`translations\` DROP COLUMN \`progress_words_to_translate\`;`)
}
