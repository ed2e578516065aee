import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`builds\` ADD \`kind\` text;`)
  await db.run(sql`ALTER TABLE \`builds\` ADD \`kind_reason\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`builds\` DROP COLUMN \`kind\`;`)
  await db.run(sql`ALTER TABLE \`builds\` DROP COLUMN \`kind_reason\`;`)
}
