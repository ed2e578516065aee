import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`fiches_what\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_what_order_idx\` ON \`fiches_what\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_what_parent_id_idx\` ON \`fiches_what\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_what_locale_idx\` ON \`fiches_what\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`fiches_why\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_why_order_idx\` ON \`fiches_why\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_why_parent_id_idx\` ON \`fiches_why\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_why_locale_idx\` ON \`fiches_why\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`fiches_how\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_how_order_idx\` ON \`fiches_how\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_how_parent_id_idx\` ON \`fiches_how\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_how_locale_idx\` ON \`fiches_how\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`fiches_next\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_next_order_idx\` ON \`fiches_next\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_next_parent_id_idx\` ON \`fiches_next\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_next_locale_idx\` ON \`fiches_next\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`fiches_infocards_location_departements\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_infocards_location_departements_order_idx\` ON \`fiches_infocards_location_departements\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_infocards_location_departements_parent_idx\` ON \`fiches_infocards_location_departements\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`fiches_infocards_public_status\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_infocards_public_status_order_idx\` ON \`fiches_infocards_public_status\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_infocards_public_status_parent_idx\` ON \`fiches_infocards_public_status\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`fiches_infocards_public\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_infocards_public_order_idx\` ON \`fiches_infocards_public\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_infocards_public_parent_idx\` ON \`fiches_infocards_public\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`fiches_infocards_conditions\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`fiches_infocards_conditions_order_idx\` ON \`fiches_infocards_conditions\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_infocards_conditions_parent_idx\` ON \`fiches_infocards_conditions\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`fiches\` (
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
  await db.run(sql`CREATE INDEX \`fiches_primary_theme_idx\` ON \`fiches\` (\`primary_theme_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_main_structure_idx\` ON \`fiches\` (\`main_structure_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`fiches_slug_idx\` ON \`fiches\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`fiches_short_id_idx\` ON \`fiches\` (\`short_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_review_requested_idx\` ON \`fiches\` (\`review_requested\`);`)
  await db.run(sql`CREATE INDEX \`fiches_updated_at_idx\` ON \`fiches\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`fiches_created_at_idx\` ON \`fiches\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`fiches__status_idx\` ON \`fiches\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`fiches_locales\` (
  	\`title\` text,
  	\`brand_name\` text,
  	\`administration_name\` text,
  	\`summary\` text,
  	\`change_note\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`fiches_locales_locale_parent_id_unique\` ON \`fiches_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`fiches_rels\` (
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
  await db.run(sql`CREATE INDEX \`fiches_rels_order_idx\` ON \`fiches_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_parent_idx\` ON \`fiches_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_path_idx\` ON \`fiches_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_themes_id_idx\` ON \`fiches_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_needs_id_idx\` ON \`fiches_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_structures_id_idx\` ON \`fiches_rels\` (\`structures_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_what\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_what_order_idx\` ON \`_fiches_v_version_what\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_what_parent_id_idx\` ON \`_fiches_v_version_what\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_what_locale_idx\` ON \`_fiches_v_version_what\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_why\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_why_order_idx\` ON \`_fiches_v_version_why\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_why_parent_id_idx\` ON \`_fiches_v_version_why\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_why_locale_idx\` ON \`_fiches_v_version_why\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_how\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_how_order_idx\` ON \`_fiches_v_version_how\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_how_parent_id_idx\` ON \`_fiches_v_version_how\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_how_locale_idx\` ON \`_fiches_v_version_how\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_next\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_next_order_idx\` ON \`_fiches_v_version_next\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_next_parent_id_idx\` ON \`_fiches_v_version_next\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_next_locale_idx\` ON \`_fiches_v_version_next\` (\`_locale\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_infocards_location_departements\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_location_departements_order_idx\` ON \`_fiches_v_version_infocards_location_departements\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_location_departements_parent_idx\` ON \`_fiches_v_version_infocards_location_departements\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_infocards_public_status\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_public_status_order_idx\` ON \`_fiches_v_version_infocards_public_status\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_public_status_parent_idx\` ON \`_fiches_v_version_infocards_public_status\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_infocards_public\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_public_order_idx\` ON \`_fiches_v_version_infocards_public\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_public_parent_idx\` ON \`_fiches_v_version_infocards_public\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_version_infocards_conditions\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_conditions_order_idx\` ON \`_fiches_v_version_infocards_conditions\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_version_infocards_conditions_parent_idx\` ON \`_fiches_v_version_infocards_conditions\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v\` (
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
  await db.run(sql`CREATE TABLE \`_fiches_v_locales\` (
  	\`version_title\` text,
  	\`version_brand_name\` text,
  	\`version_administration_name\` text,
  	\`version_summary\` text,
  	\`version_change_note\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_fiches_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`_fiches_v_locales_locale_parent_id_unique\` ON \`_fiches_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_fiches_v_rels\` (
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
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_order_idx\` ON \`_fiches_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_parent_idx\` ON \`_fiches_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_path_idx\` ON \`_fiches_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_themes_id_idx\` ON \`_fiches_v_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_needs_id_idx\` ON \`_fiches_v_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_structures_id_idx\` ON \`_fiches_v_rels\` (\`structures_id\`);`)
  await db.run(sql`CREATE TABLE \`translations_what\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`body\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`translations_what_order_idx\` ON \`translations_what\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`translations_what_parent_id_idx\` ON \`translations_what\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`translations_why\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`translations_why_order_idx\` ON \`translations_why\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`translations_why_parent_id_idx\` ON \`translations_why\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`translations_how\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`body\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`translations_how_order_idx\` ON \`translations_how\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`translations_how_parent_id_idx\` ON \`translations_how\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`translations_next\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`translations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`translations_next_order_idx\` ON \`translations_next\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`translations_next_parent_id_idx\` ON \`translations_next\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`translations\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`fiche_id\` text(36) NOT NULL,
  	\`language\` text NOT NULL,
  	\`status\` text DEFAULT 'notStarted' NOT NULL,
  	\`label\` text,
  	\`fiche_type\` text,
  	\`title\` text,
  	\`brand_name\` text,
  	\`administration_name\` text,
  	\`summary\` text,
  	\`units\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`fiche_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`translations_fiche_idx\` ON \`translations\` (\`fiche_id\`);`)
  await db.run(sql`CREATE INDEX \`translations_language_idx\` ON \`translations\` (\`language\`);`)
  await db.run(sql`CREATE INDEX \`translations_updated_at_idx\` ON \`translations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`translations_created_at_idx\` ON \`translations\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`fiche_language_idx\` ON \`translations\` (\`fiche_id\`,\`language\`);`)
  await db.run(sql`CREATE TABLE \`themes\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`color\` text NOT NULL,
  	\`icon\` text NOT NULL,
  	\`order\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`themes_slug_idx\` ON \`themes\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`themes_updated_at_idx\` ON \`themes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`themes_created_at_idx\` ON \`themes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`themes_locales\` (
  	\`name\` text NOT NULL,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`themes_locales_locale_parent_id_unique\` ON \`themes_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`needs\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`theme_id\` text(36) NOT NULL,
  	\`slug\` text NOT NULL,
  	\`order\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`theme_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`needs_theme_idx\` ON \`needs\` (\`theme_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`needs_slug_idx\` ON \`needs\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`needs_updated_at_idx\` ON \`needs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`needs_created_at_idx\` ON \`needs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`needs_locales\` (
  	\`name\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`needs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`needs_locales_locale_parent_id_unique\` ON \`needs_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`structures_departements\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`structures_departements_order_idx\` ON \`structures_departements\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`structures_departements_parent_idx\` ON \`structures_departements\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`structures\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`acronym\` text,
  	\`slug\` text NOT NULL,
  	\`kind\` text DEFAULT 'association' NOT NULL,
  	\`logo_id\` text(36),
  	\`contact_address\` text,
  	\`contact_phone\` text,
  	\`contact_email\` text,
  	\`contact_website\` text,
  	\`status\` text DEFAULT 'active' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`logo_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`structures_slug_idx\` ON \`structures\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`structures_logo_idx\` ON \`structures\` (\`logo_id\`);`)
  await db.run(sql`CREATE INDEX \`structures_updated_at_idx\` ON \`structures\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`structures_created_at_idx\` ON \`structures\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`structures_locales\` (
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`structures_locales_locale_parent_id_unique\` ON \`structures_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_thumbnail_webp_url\` text,
  	\`sizes_thumbnail_webp_width\` numeric,
  	\`sizes_thumbnail_webp_height\` numeric,
  	\`sizes_thumbnail_webp_mime_type\` text,
  	\`sizes_thumbnail_webp_filesize\` numeric,
  	\`sizes_thumbnail_webp_filename\` text,
  	\`sizes_thumbnail_avif_url\` text,
  	\`sizes_thumbnail_avif_width\` numeric,
  	\`sizes_thumbnail_avif_height\` numeric,
  	\`sizes_thumbnail_avif_mime_type\` text,
  	\`sizes_thumbnail_avif_filesize\` numeric,
  	\`sizes_thumbnail_avif_filename\` text,
  	\`sizes_card_webp_url\` text,
  	\`sizes_card_webp_width\` numeric,
  	\`sizes_card_webp_height\` numeric,
  	\`sizes_card_webp_mime_type\` text,
  	\`sizes_card_webp_filesize\` numeric,
  	\`sizes_card_webp_filename\` text,
  	\`sizes_card_avif_url\` text,
  	\`sizes_card_avif_width\` numeric,
  	\`sizes_card_avif_height\` numeric,
  	\`sizes_card_avif_mime_type\` text,
  	\`sizes_card_avif_filesize\` numeric,
  	\`sizes_card_avif_filename\` text,
  	\`sizes_hero_webp_url\` text,
  	\`sizes_hero_webp_width\` numeric,
  	\`sizes_hero_webp_height\` numeric,
  	\`sizes_hero_webp_mime_type\` text,
  	\`sizes_hero_webp_filesize\` numeric,
  	\`sizes_hero_webp_filename\` text,
  	\`sizes_hero_avif_url\` text,
  	\`sizes_hero_avif_width\` numeric,
  	\`sizes_hero_avif_height\` numeric,
  	\`sizes_hero_avif_mime_type\` text,
  	\`sizes_hero_avif_filesize\` numeric,
  	\`sizes_hero_avif_filename\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_thumbnail_webp_sizes_thumbnail_webp_filename_idx\` ON \`media\` (\`sizes_thumbnail_webp_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_thumbnail_avif_sizes_thumbnail_avif_filename_idx\` ON \`media\` (\`sizes_thumbnail_avif_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_card_webp_sizes_card_webp_filename_idx\` ON \`media\` (\`sizes_card_webp_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_card_avif_sizes_card_avif_filename_idx\` ON \`media\` (\`sizes_card_avif_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_hero_webp_sizes_hero_webp_filename_idx\` ON \`media\` (\`sizes_hero_webp_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_hero_avif_sizes_hero_avif_filename_idx\` ON \`media\` (\`sizes_hero_avif_filename\`);`)
  await db.run(sql`CREATE TABLE \`media_locales\` (
  	\`alt\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`media_locales_locale_parent_id_unique\` ON \`media_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users_roles\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_roles_order_idx\` ON \`users_roles\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_roles_parent_idx\` ON \`users_roles\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users_languages\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`value\` text,
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_languages_order_idx\` ON \`users_languages\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_languages_parent_idx\` ON \`users_languages\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`structure_id\` text(36),
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text,
  	FOREIGN KEY (\`structure_id\`) REFERENCES \`structures\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`users_structure_idx\` ON \`users\` (\`structure_id\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`builds_requests\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`trigger\` text,
  	\`by\` text,
  	\`at\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`builds\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`builds_requests_order_idx\` ON \`builds_requests\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`builds_requests_parent_id_idx\` ON \`builds_requests\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`builds\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`status\` text DEFAULT 'queued' NOT NULL,
  	\`trigger\` text,
  	\`requested_by_id\` text(36),
  	\`requested_by_name\` text,
  	\`request_count\` numeric DEFAULT 1,
  	\`reason\` text,
  	\`queued_at\` text,
  	\`started_at\` text,
  	\`finished_at\` text,
  	\`duration_seconds\` numeric,
  	\`pages_total\` numeric,
  	\`pages_published_fiches\` numeric,
  	\`pages_fiche_pages\` numeric,
  	\`pages_languages\` numeric,
  	\`pages_redirects\` numeric,
  	\`log_tail\` text,
  	\`mode\` text DEFAULT 'local',
  	\`phase\` text,
  	\`deploy_id\` text,
  	\`runner\` text,
  	\`heartbeat_at\` text,
  	\`job\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`requested_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`builds_status_idx\` ON \`builds\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`builds_requested_by_idx\` ON \`builds\` (\`requested_by_id\`);`)
  await db.run(sql`CREATE INDEX \`builds_updated_at_idx\` ON \`builds\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`builds_created_at_idx\` ON \`builds\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`redirects\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`fiche_id\` text(36),
  	\`slug\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`fiche_id\`) REFERENCES \`fiches\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`redirects_fiche_idx\` ON \`redirects\` (\`fiche_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_slug_idx\` ON \`redirects\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`redirects_updated_at_idx\` ON \`redirects\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`redirects_created_at_idx\` ON \`redirects\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
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
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`fiches_what\`;`)
  await db.run(sql`DROP TABLE \`fiches_why\`;`)
  await db.run(sql`DROP TABLE \`fiches_how\`;`)
  await db.run(sql`DROP TABLE \`fiches_next\`;`)
  await db.run(sql`DROP TABLE \`fiches_infocards_location_departements\`;`)
  await db.run(sql`DROP TABLE \`fiches_infocards_public_status\`;`)
  await db.run(sql`DROP TABLE \`fiches_infocards_public\`;`)
  await db.run(sql`DROP TABLE \`fiches_infocards_conditions\`;`)
  await db.run(sql`DROP TABLE \`fiches\`;`)
  await db.run(sql`DROP TABLE \`fiches_locales\`;`)
  await db.run(sql`DROP TABLE \`fiches_rels\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_what\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_why\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_how\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_next\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_infocards_location_departements\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_infocards_public_status\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_infocards_public\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_infocards_conditions\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_locales\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_rels\`;`)
  await db.run(sql`DROP TABLE \`translations_what\`;`)
  await db.run(sql`DROP TABLE \`translations_why\`;`)
  await db.run(sql`DROP TABLE \`translations_how\`;`)
  await db.run(sql`DROP TABLE \`translations_next\`;`)
  await db.run(sql`DROP TABLE \`translations\`;`)
  await db.run(sql`DROP TABLE \`themes\`;`)
  await db.run(sql`DROP TABLE \`themes_locales\`;`)
  await db.run(sql`DROP TABLE \`needs\`;`)
  await db.run(sql`DROP TABLE \`needs_locales\`;`)
  await db.run(sql`DROP TABLE \`structures_departements\`;`)
  await db.run(sql`DROP TABLE \`structures\`;`)
  await db.run(sql`DROP TABLE \`structures_locales\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`DROP TABLE \`media_locales\`;`)
  await db.run(sql`DROP TABLE \`users_roles\`;`)
  await db.run(sql`DROP TABLE \`users_languages\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`builds_requests\`;`)
  await db.run(sql`DROP TABLE \`builds\`;`)
  await db.run(sql`DROP TABLE \`redirects\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
