import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

// A fiche's type is optional in the schema (contributors never see the field: a hook sets it);
// the second-factor columns of the previous migration are already in place.
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
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
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_fiches\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`type\` text DEFAULT 'demarche',
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
  await db.run(sql`CREATE TABLE \`__new__fiches_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_type\` text DEFAULT 'demarche',
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
}
