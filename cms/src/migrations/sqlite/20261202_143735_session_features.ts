import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`fiches_documents\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`document_id\` text(36),
  	\`need\` text DEFAULT 'required',
  	\`name\` text,
  	\`note\` text,
  	FOREIGN KEY (\`document_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_documents_order_idx\` ON \`fiches_documents\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_documents_parent_id_idx\` ON \`fiches_documents\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_documents_locale_idx\` ON \`fiches_documents\` (\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`fiches_documents_document_idx\` ON \`fiches_documents\` (\`document_id\`);`)
  await db.run(sql`CREATE TABLE \`fiches_change_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`date\` text,
  	\`notes\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_change_history_order_idx\` ON \`fiches_change_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_change_history_parent_id_idx\` ON \`fiches_change_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_documents\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`document_id\` text(36),
  	\`need\` text DEFAULT 'required',
  	\`name\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`document_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_documents_order_idx\` ON \`_fiches_v_version_documents\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_documents_parent_id_idx\` ON \`_fiches_v_version_documents\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_documents_locale_idx\` ON \`_fiches_v_version_documents\` (\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_documents_document_idx\` ON \`_fiches_v_version_documents\` (\`document_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_change_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`date\` text,
  	\`notes\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_change_history_order_idx\` ON \`_fiches_v_version_change_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_change_history_parent_id_idx\` ON \`_fiches_v_version_change_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`translations_documents\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`note\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`translations_documents_order_idx\` ON \`translations_documents\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`translations_documents_parent_id_idx\` ON \`translations_documents\` (\`_parent_id\`);`)
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
  await db.run(sql`CREATE TABLE \`documents\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`documents_slug_idx\` ON \`documents\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`documents_updated_at_idx\` ON \`documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`documents_created_at_idx\` ON \`documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`documents_locales\` (
  	\`name\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`documents_locales_locale_parent_id_unique\` ON \`documents_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`documents_locales_parent_id_locale_idx\` ON \`documents_locales\` (\`_parent_id\`,\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`runner_locks\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`holder\` text NOT NULL,
  	\`expires_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`runner_locks_key_idx\` ON \`runner_locks\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`runner_locks_updated_at_idx\` ON \`runner_locks\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`runner_locks_created_at_idx\` ON \`runner_locks\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`review_reminders\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`fiche_id\` text(36),
  	\`due_date\` text NOT NULL,
  	\`kind\` text NOT NULL,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`recipients\` text,
  	\`attempts\` numeric DEFAULT 0,
  	\`last_error\` text,
  	\`sent_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`fiche_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`review_reminders_key_idx\` ON \`review_reminders\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`review_reminders_fiche_idx\` ON \`review_reminders\` (\`fiche_id\`);`)
  await db.run(sql`CREATE INDEX \`review_reminders_status_idx\` ON \`review_reminders\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`review_reminders_updated_at_idx\` ON \`review_reminders\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`review_reminders_created_at_idx\` ON \`review_reminders\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`status_createdAt_idx\` ON \`review_reminders\` (\`status\`,\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`review_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`demarche_months\` numeric DEFAULT 6 NOT NULL,
  	\`dispositif_months\` numeric DEFAULT 12 NOT NULL,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`no_documents\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`last_checked_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`review_interval_months\` numeric;`)
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`next_review_at\` text;`)
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`changed_at\` text;`)
  await db.run(sql`CREATE INDEX \`fiches_last_checked_by_idx\` ON \`fiches\` (\`last_checked_by_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_next_review_at_idx\` ON \`fiches\` (\`next_review_at\`);`)
  await db.run(sql`CREATE INDEX \`mainStructure_nextReviewAt_idx\` ON \`fiches\` (\`main_structure_id\`,\`next_review_at\`);`)
  await db.run(sql`CREATE INDEX \`primaryTheme_nextReviewAt_idx\` ON \`fiches\` (\`primary_theme_id\`,\`next_review_at\`);`)
  await db.run(sql`ALTER TABLE \`fiches_rels\` ADD \`fiches_id\` text(36) REFERENCES fiches(id);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_fiches_id_idx\` ON \`fiches_rels\` (\`fiches_id\`);`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_no_documents\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_last_checked_by_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_review_interval_months\` numeric;`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_next_review_at\` text;`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_changed_at\` text;`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_last_checked_by_idx\` ON \`_fiches_v\` (\`version_last_checked_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_next_review_at_idx\` ON \`_fiches_v\` (\`version_next_review_at\`);`)
  await db.run(sql`CREATE INDEX \`version_mainStructure_version_nextReviewAt_idx\` ON \`_fiches_v\` (\`version_main_structure_id\`,\`version_next_review_at\`);`)
  await db.run(sql`CREATE INDEX \`version_primaryTheme_version_nextReviewAt_idx\` ON \`_fiches_v\` (\`version_primary_theme_id\`,\`version_next_review_at\`);`)
  await db.run(sql`ALTER TABLE \`_fiches_v_rels\` ADD \`fiches_id\` text(36) REFERENCES fiches(id);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_fiches_id_idx\` ON \`_fiches_v_rels\` (\`fiches_id\`);`)
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_words_to_translate\` numeric DEFAULT 0;`)
  await db.run(sql`CREATE INDEX \`language_progress_wordsToTranslate_idx\` ON \`translations\` (\`language\`,\`progress_words_to_translate\`);`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`prefix\` text DEFAULT '';`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`_objectkey\` text;`)
  await db.run(sql`ALTER TABLE \`builds\` ADD \`kind\` text;`)
  await db.run(sql`ALTER TABLE \`builds\` ADD \`kind_reason\` text;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`translation_memory_id\` text(36) REFERENCES translation_memory(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`translation_work_log_id\` text(36) REFERENCES translation_work_log(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`documents_id\` text(36) REFERENCES documents(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`review_reminders_id\` text(36) REFERENCES review_reminders(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translation_memory_id_idx\` ON \`payload_locked_documents_rels\` (\`translation_memory_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_translation_work_log_id_idx\` ON \`payload_locked_documents_rels\` (\`translation_work_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_documents_id_idx\` ON \`payload_locked_documents_rels\` (\`documents_id\`);`)
  // Its data steps (translation figures, memory, review dates) run in the last migration
  // (translator_tools): they go through the Local API, which reads every column of today's schema.
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`fiches_documents\`;`)
  await db.run(sql`DROP TABLE \`fiches_change_history\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_documents\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_change_history\`;`)
  await db.run(sql`DROP TABLE \`translations_documents\`;`)
  await db.run(sql`DROP TABLE \`translation_memory\`;`)
  await db.run(sql`DROP TABLE \`translation_work_log\`;`)
  await db.run(sql`DROP TABLE \`documents\`;`)
  await db.run(sql`DROP TABLE \`documents_locales\`;`)
  await db.run(sql`DROP TABLE \`runner_locks\`;`)
  await db.run(sql`DROP TABLE \`review_reminders\`;`)
  await db.run(sql`DROP TABLE \`review_settings\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_fiches\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`type\` text,
  	\`infocards_location_scope\` text DEFAULT 'france',
  	\`infocards_age_min\` numeric,
  	\`infocards_age_max\` numeric,
  	\`infocards_french_level\` text DEFAULT 'none',
  	\`infocards_price_free\` integer DEFAULT true,
  	\`infocards_price_amount\` numeric,
  	\`infocards_price_period\` text,
  	\`infocards_duration_value\` numeric,
  	\`infocards_duration_unit\` text,
  	\`infocards_commitment_hours\` numeric,
  	\`infocards_commitment_per\` text,
  	\`primary_theme_id\` text(36),
  	\`main_structure_id\` text(36),
  	\`external_link\` text,
  	\`slug\` text,
  	\`short_id\` text,
  	\`review_requested\` integer DEFAULT false,
  	\`change_note_date\` text,
  	\`last_checked_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`primary_theme_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`main_structure_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_fiches\`("id", "type", "infocards_location_scope", "infocards_age_min", "infocards_age_max", "infocards_french_level", "infocards_price_free", "infocards_price_amount", "infocards_price_period", "infocards_duration_value", "infocards_duration_unit", "infocards_commitment_hours", "infocards_commitment_per", "primary_theme_id", "main_structure_id", "external_link", "slug", "short_id", "review_requested", "change_note_date", "last_checked_at", "updated_at", "created_at", "_status") SELECT "id", "type", "infocards_location_scope", "infocards_age_min", "infocards_age_max", "infocards_french_level", "infocards_price_free", "infocards_price_amount", "infocards_price_period", "infocards_duration_value", "infocards_duration_unit", "infocards_commitment_hours", "infocards_commitment_per", "primary_theme_id", "main_structure_id", "external_link", "slug", "short_id", "review_requested", "change_note_date", "last_checked_at", "updated_at", "created_at", "_status" FROM \`fiches\`;`)
  await db.run(sql`DROP TABLE \`fiches\`;`)
  await db.run(sql`ALTER TABLE \`__new_fiches\` RENAME TO \`fiches\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`fiches_primary_theme_idx\` ON \`fiches\` (\`primary_theme_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_main_structure_idx\` ON \`fiches\` (\`main_structure_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`fiches_slug_idx\` ON \`fiches\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`fiches_short_id_idx\` ON \`fiches\` (\`short_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_review_requested_idx\` ON \`fiches\` (\`review_requested\`);`)
  await db.run(sql`CREATE INDEX \`fiches_updated_at_idx\` ON \`fiches\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`fiches_created_at_idx\` ON \`fiches\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`fiches__status_idx\` ON \`fiches\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`_status_createdAt_idx\` ON \`fiches\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_fiches_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`themes_id\` text(36),
  	\`needs_id\` text(36),
  	\`structures_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`needs_id\`) REFERENCES \`needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`structures_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_fiches_rels\`("id", "order", "parent_id", "path", "themes_id", "needs_id", "structures_id") SELECT "id", "order", "parent_id", "path", "themes_id", "needs_id", "structures_id" FROM \`fiches_rels\`;`)
  await db.run(sql`DROP TABLE \`fiches_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_fiches_rels\` RENAME TO \`fiches_rels\`;`)
  await db.run(sql`CREATE INDEX \`fiches_rels_order_idx\` ON \`fiches_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_parent_idx\` ON \`fiches_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_path_idx\` ON \`fiches_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_themes_id_idx\` ON \`fiches_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_needs_id_idx\` ON \`fiches_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_structures_id_idx\` ON \`fiches_rels\` (\`structures_id\`);`)
  await db.run(sql`CREATE TABLE \`__new__fiches_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_type\` text,
  	\`version_infocards_location_scope\` text DEFAULT 'france',
  	\`version_infocards_age_min\` numeric,
  	\`version_infocards_age_max\` numeric,
  	\`version_infocards_french_level\` text DEFAULT 'none',
  	\`version_infocards_price_free\` integer DEFAULT true,
  	\`version_infocards_price_amount\` numeric,
  	\`version_infocards_price_period\` text,
  	\`version_infocards_duration_value\` numeric,
  	\`version_infocards_duration_unit\` text,
  	\`version_infocards_commitment_hours\` numeric,
  	\`version_infocards_commitment_per\` text,
  	\`version_primary_theme_id\` text(36),
  	\`version_main_structure_id\` text(36),
  	\`version_external_link\` text,
  	\`version_slug\` text,
  	\`version_short_id\` text,
  	\`version_review_requested\` integer DEFAULT false,
  	\`version_change_note_date\` text,
  	\`version_last_checked_at\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_primary_theme_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_main_structure_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__fiches_v\`("id", "parent_id", "version_type", "version_infocards_location_scope", "version_infocards_age_min", "version_infocards_age_max", "version_infocards_french_level", "version_infocards_price_free", "version_infocards_price_amount", "version_infocards_price_period", "version_infocards_duration_value", "version_infocards_duration_unit", "version_infocards_commitment_hours", "version_infocards_commitment_per", "version_primary_theme_id", "version_main_structure_id", "version_external_link", "version_slug", "version_short_id", "version_review_requested", "version_change_note_date", "version_last_checked_at", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest", "autosave") SELECT "id", "parent_id", "version_type", "version_infocards_location_scope", "version_infocards_age_min", "version_infocards_age_max", "version_infocards_french_level", "version_infocards_price_free", "version_infocards_price_amount", "version_infocards_price_period", "version_infocards_duration_value", "version_infocards_duration_unit", "version_infocards_commitment_hours", "version_infocards_commitment_per", "version_primary_theme_id", "version_main_structure_id", "version_external_link", "version_slug", "version_short_id", "version_review_requested", "version_change_note_date", "version_last_checked_at", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest", "autosave" FROM \`_fiches_v\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__fiches_v\` RENAME TO \`_fiches_v\`;`)
  await db.run(sql`CREATE INDEX \`_fiches_v_parent_idx\` ON \`_fiches_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_primary_theme_idx\` ON \`_fiches_v\` (\`version_primary_theme_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_main_structure_idx\` ON \`_fiches_v\` (\`version_main_structure_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_slug_idx\` ON \`_fiches_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_short_id_idx\` ON \`_fiches_v\` (\`version_short_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_review_requested_idx\` ON \`_fiches_v\` (\`version_review_requested\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_updated_at_idx\` ON \`_fiches_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version_created_at_idx\` ON \`_fiches_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_version__status_idx\` ON \`_fiches_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_created_at_idx\` ON \`_fiches_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_updated_at_idx\` ON \`_fiches_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_snapshot_idx\` ON \`_fiches_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_published_locale_idx\` ON \`_fiches_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_latest_idx\` ON \`_fiches_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_autosave_idx\` ON \`_fiches_v\` (\`autosave\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_createdAt_idx\` ON \`_fiches_v\` (\`version__status\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_latest_updated_idx\` ON \`_fiches_v\` (\`latest\`,\`version_updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new__fiches_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`themes_id\` text(36),
  	\`needs_id\` text(36),
  	\`structures_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`needs_id\`) REFERENCES \`needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`structures_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new__fiches_v_rels\`("id", "order", "parent_id", "path", "themes_id", "needs_id", "structures_id") SELECT "id", "order", "parent_id", "path", "themes_id", "needs_id", "structures_id" FROM \`_fiches_v_rels\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__fiches_v_rels\` RENAME TO \`_fiches_v_rels\`;`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_order_idx\` ON \`_fiches_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_parent_idx\` ON \`_fiches_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_path_idx\` ON \`_fiches_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_themes_id_idx\` ON \`_fiches_v_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_needs_id_idx\` ON \`_fiches_v_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_structures_id_idx\` ON \`_fiches_v_rels\` (\`structures_id\`);`)
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
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`prefix\`;`)
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`_objectkey\`;`)
  await db.run(sql`ALTER TABLE \`builds\` DROP COLUMN \`kind\`;`)
  await db.run(sql`ALTER TABLE \`builds\` DROP COLUMN \`kind_reason\`;`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
