import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_total\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_validated\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_outdated\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_to_review\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`translations\` ADD \`progress_to_do\` numeric DEFAULT 0;`)
  await db.run(sql`CREATE INDEX \`language_updatedAt_createdAt_idx\` ON \`translations\` (\`language\`,\`updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`language_status_updatedAt_createdAt_idx\` ON \`translations\` (\`language\`,\`status\`,\`updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`status_updatedAt_createdAt_idx\` ON \`translations\` (\`status\`,\`updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`language_progress_outdated_createdAt_progress_toDo_idx\` ON \`translations\` (\`language\`,\`progress_outdated\`,\`created_at\`,\`progress_to_do\`);`)
  await db.run(sql`CREATE INDEX \`language_progress_toReview_createdAt_idx\` ON \`translations\` (\`language\`,\`progress_to_review\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`translations_language_progress_idx\` ON \`translations\` (\`language\`,\`progress_total\`,\`progress_validated\`,\`progress_outdated\`,\`progress_to_review\`);`)
  await db.run(sql`CREATE INDEX \`_status_createdAt_idx\` ON \`fiches\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`fiches_locales_parent_id_locale_idx\` ON \`fiches_locales\` (\`_parent_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_createdAt_idx\` ON \`_fiches_v\` (\`version__status\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_latest_updated_idx\` ON \`_fiches_v\` (\`latest\`,\`version_updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_fiches_v_locales_parent_id_locale_idx\` ON \`_fiches_v_locales\` (\`_parent_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`themes_locales_parent_id_locale_idx\` ON \`themes_locales\` (\`_parent_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`needs_locales_parent_id_locale_idx\` ON \`needs_locales\` (\`_parent_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`structures_locales_parent_id_locale_idx\` ON \`structures_locales\` (\`_parent_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`media_locales_parent_id_locale_idx\` ON \`media_locales\` (\`_parent_id\`,\`_locale\`);`)
  // The figures of existing translations are filled by a later migration
  // (20261202_143735_session_features), once every table they read exists.
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`fiches_locales_parent_id_locale_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_fiches_v_latest_updated_idx\`;`)
  await db.run(sql`DROP INDEX \`_fiches_v_locales_parent_id_locale_idx\`;`)
  await db.run(sql`DROP INDEX \`language_updatedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`language_status_updatedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`status_updatedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`language_progress_outdated_createdAt_progress_toDo_idx\`;`)
  await db.run(sql`DROP INDEX \`language_progress_toReview_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`translations_language_progress_idx\`;`)
  await db.run(sql`ALTER TABLE \`translations\` DROP COLUMN \`progress_total\`;`)
  await db.run(sql`ALTER TABLE \`translations\` DROP COLUMN \`progress_validated\`;`)
  await db.run(sql`ALTER TABLE \`translations\` DROP COLUMN \`progress_outdated\`;`)
  await db.run(sql`ALTER TABLE \`translations\` DROP COLUMN \`progress_to_review\`;`)
  await db.run(sql`ALTER TABLE \`translations\` DROP COLUMN \`progress_to_do\`;`)
  await db.run(sql`DROP INDEX \`themes_locales_parent_id_locale_idx\`;`)
  await db.run(sql`DROP INDEX \`needs_locales_parent_id_locale_idx\`;`)
  await db.run(sql`DROP INDEX \`structures_locales_parent_id_locale_idx\`;`)
  await db.run(sql`DROP INDEX \`media_locales_parent_id_locale_idx\`;`)
}
