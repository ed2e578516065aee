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
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`no_documents\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`fiches_rels\` ADD \`fiches_id\` text(36) REFERENCES fiches(id);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_fiches_id_idx\` ON \`fiches_rels\` (\`fiches_id\`);`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_no_documents\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_fiches_v_rels\` ADD \`fiches_id\` text(36) REFERENCES fiches(id);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_rels_fiches_id_idx\` ON \`_fiches_v_rels\` (\`fiches_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`documents_id\` text(36) REFERENCES documents(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_documents_id_idx\` ON \`payload_locked_documents_rels\` (\`documents_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`fiches_documents\`;`)
  await db.run(sql`DROP TABLE \`_fiches_v_version_documents\`;`)
  await db.run(sql`DROP TABLE \`translations_documents\`;`)
  await db.run(sql`DROP TABLE \`documents\`;`)
  await db.run(sql`DROP TABLE \`documents_locales\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`fiches_rels_order_idx\` ON \`fiches_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_parent_idx\` ON \`fiches_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_path_idx\` ON \`fiches_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_themes_id_idx\` ON \`fiches_rels\` (\`themes_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_needs_id_idx\` ON \`fiches_rels\` (\`needs_id\`);`)
  await db.run(sql`CREATE INDEX \`fiches_rels_structures_id_idx\` ON \`fiches_rels\` (\`structures_id\`);`)
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
  await db.run(sql`ALTER TABLE \`fiches\` DROP COLUMN \`no_documents\`;`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` DROP COLUMN \`version_no_documents\`;`)
}
