import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { mongooseAdapter } from '@payloadcms/db-mongodb';
import { sqliteAdapter } from '@payloadcms/db-sqlite';
import { en } from '@payloadcms/translations/languages/en';
import { fr } from '@payloadcms/translations/languages/fr';
import { buildConfig, type DatabaseAdapterObj } from 'payload';
import sharp from 'sharp';

import { defaultLocale, locales } from '@passerelle/content-schemas';

import { Builds } from './collections/Builds';
import { Fiches } from './collections/Fiches';
import { Media } from './collections/Media';
import { Needs } from './collections/Needs';
import { Redirects } from './collections/Redirects';
import { Structures } from './collections/Structures';
import { Themes } from './collections/Themes';
import { Translations } from './collections/Translations';
import { Users } from './collections/Users';
import { richTextEditor } from './fields/richTextEditor';
import { publishAutoRun, rebuildSiteTask } from './jobs/rebuildSite';
import { recoverInterruptedBuilds } from './jobs/recoverOnInit';
// Before any database connection: libSQL's prepared statements are reused (native memory).
import './database/statementCache';
import { addScaleIndexes, ensureMongoVersionIndexes } from './database/indexes';
import { queryLogger } from './database/queryLog';
import { resolveDatabaseTarget } from './utilities/database';
import { payloadSecret } from './utilities/secret';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const cmsRoot = path.resolve(dirname, '..');

function databaseAdapter(): DatabaseAdapterObj {
  const target = resolveDatabaseTarget(process.env.DATABASE_URI, cmsRoot);
  if (target.kind === 'mongodb') {
    return mongooseAdapter({
      url: target.url,
      migrationDir: path.resolve(dirname, 'migrations/mongodb'),
      afterOpenConnection: ensureMongoVersionIndexes,
      // The bulk import keeps each fiche's id, so links between fiches survive a move.
      allowIDOnCreate: true,
    });
  }
  // libSQL creates the file but not its folder.
  mkdirSync(path.dirname(target.file), { recursive: true });
  return sqliteAdapter({
    client: { url: target.url },
    // Same id shape as MongoDB's string ids, so nothing downstream depends on the database.
    idType: 'uuid',
    // The bulk import keeps each fiche's id, so links between fiches survive a move.
    allowIDOnCreate: true,
    // The CMS, `payload jobs:run` and an import may write at once: wait for the lock, don't fail.
    busyTimeout: 5_000,
    migrationDir: path.resolve(dirname, 'migrations/sqlite'),
    logger: queryLogger,
    afterSchemaInit: [addScaleIndexes],
  });
}

export default buildConfig({
  serverURL: process.env.PAYLOAD_PUBLIC_SERVER_URL ?? '',
  secret: payloadSecret(),
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' — Passerelle' },
    components: {
      beforeDashboard: ['/components/TranslationDashboard#TranslationDashboard'],
      // State of the latest publication of the public site, on every admin page.
      actions: ['/components/BuildStatus#BuildStatus'],
    },
  },
  // The admin speaks French by default; English stays available in each user's preferences.
  i18n: { supportedLanguages: { fr, en }, fallbackLanguage: 'fr' },
  localization: {
    locales: locales.map((locale) => ({ code: locale.code, label: locale.label, rtl: locale.dir === 'rtl' })),
    defaultLocale,
    fallback: true,
  },
  collections: [Fiches, Translations, Themes, Needs, Structures, Media, Users, Builds, Redirects],
  editor: richTextEditor,
  db: databaseAdapter(),
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  jobs: {
    // Runs scheduled publications inside the CMS process; production may run `payload jobs:run` instead.
    // Also runs `rebuildSite` (queue `publish`: every second, one at a time); production may run
    // `payload jobs:run --queue publish --cron '* * * * * *'` instead.
    autoRun: [{ cron: '* * * * *', queue: 'default' }, publishAutoRun],
    tasks: [rebuildSiteTask],
    shouldAutoRun: () => process.env.PAYLOAD_JOBS_AUTORUN !== 'false',
  },
  graphQL: { disable: true },
  // Builds cut off by a crash or a restart are marked failed and requested again.
  onInit: recoverInterruptedBuilds,
  telemetry: false,
});
