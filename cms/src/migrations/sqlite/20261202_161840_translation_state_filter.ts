import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`fiches\` ADD \`translation_state\` text;`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` ADD \`version_translation_state\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`fiches\` DROP COLUMN \`translation_state\`;`)
  await db.run(sql`ALTER TABLE \`_fiches_v\` DROP COLUMN \`version_translation_state\`;`)
}
