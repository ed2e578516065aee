import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { mongooseAdapter } from '@payloadcms/db-mongodb';
import { sqliteAdapter } from '@payloadcms/db-sqlite';
import { en } from '@payloadcms/translations/languages/en';
import { fr } from '@payloadcms/translations/languages/fr';
import { buildConfig, type DatabaseAdapterObj, type SanitizedConfig } from 'payload';
import sharp from 'sharp';

import { defaultLocale, locales } from '@passerelle/content-schemas';

import { canChangeLock, canCreateLock } from './access/canLockDocument';
import { canRunJobs } from './access/canRunJobs';
import { Builds } from './collections/Builds';
import { Fiches } from './collections/Fiches';
import { Media } from './collections/Media';
import { Needs } from './collections/Needs';
import { Redirects } from './collections/Redirects';
import { Structures } from './collections/Structures';
import { Themes } from './collections/Themes';
import { Translations } from './collections/Translations';
import { Users } from './collections/Users';
import { ReviewReminders } from './collections/ReviewReminders';
import { smtpEmailAdapter } from './email/smtpAdapter';
import { ReviewSettings } from './globals/ReviewSettings';
import { reviewRemindersTask } from './review/reminders';
import { richTextEditor } from './fields/richTextEditor';
import { maxUploadBytes, uploadTooLargeMessage } from './hooks/checkUpload';
import { frenchValidationErrors } from './hooks/frenchErrors';
import { withRequestedIdIgnored } from './hooks/ignoreRequestedId';
import { frenchWording } from './i18n/frenchWording';
import { publishAutoRun, rebuildSiteTask } from './jobs/rebuildSite';
import { recoverInterruptedBuilds } from './jobs/recoverOnInit';
// Before any database connection: libSQL's prepared statements are reused (native memory).
import './database/statementCache';
import { addScaleIndexes, ensureMongoVersionIndexes } from './database/indexes';
import { queryLogger } from './database/queryLog';
import { resolveDatabaseTarget } from './utilities/database';
import { payloadSecret } from './utilities/secret';
import { publicServerUrl } from './utilities/serverUrl';

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

/**
 * Payload adds `payload-locked-documents` itself, open to every signed-in user, and offers no
 * override for it: its access rules are replaced on the built config.
 */
function restrictDocumentLocks(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents');
  if (locks) locks.access = { ...locks.access, create: canCreateLock, update: canChangeLock, delete: canChangeLock };
  return config;
}

export default buildConfig({
  // Required in production: the CSRF origin list and the `Secure` cookie flag derive from it.
  serverURL: publicServerUrl(),
  secret: payloadSecret(),
  admin: {
    user: Users.slug,
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' — Passerelle' },
    // « 2 décembre 2026 à 08:13 », not « décembre 2 2026, 8:13 AM » (date-fns, in the admin's language).
    dateFormat: "d MMMM yyyy 'à' HH:mm",
    // Payload's own avatar: Gravatar would send a hash of each address to an outside service.
    avatar: 'default',
    components: {
      beforeDashboard: ['/components/TranslationDashboard#TranslationDashboard', '/components/ReviewDashboard#ReviewDashboard'],
      // State of the latest publication of the public site, on every admin page.
      actions: ['/components/BuildStatus#BuildStatus'],
      // Two-factor code and enrolment, under the login form.
      afterLogin: ['/components/SecondFactorLogin#SecondFactorLogin'],
    },
  },
  // The admin speaks French by default; English stays available in each user's preferences.
  i18n: { supportedLanguages: { fr, en }, fallbackLanguage: 'fr', translations: { fr: frenchWording } },
  localization: {
    locales: locales.map((locale) => ({ code: locale.code, label: locale.label, rtl: locale.dir === 'rtl' })),
    defaultLocale,
    fallback: true,
  },
  hooks: { afterError: [frenchValidationErrors] },
  collections: [Fiches, Translations, Themes, Needs, Structures, Media, Users, Builds, Redirects, ReviewReminders].map(withRequestedIdIgnored),
  globals: [ReviewSettings],
  // SMTP when SMTP_HOST is set; otherwise Payload writes mails to the log.
  email: smtpEmailAdapter(),
  editor: richTextEditor,
  // The parser stops reading a file past the limit and answers 413 with this message; the Media
  // hook `checkUpload` refuses any file that would reach it another way (Local API, truncation).
  upload: { limits: { fileSize: maxUploadBytes }, abortOnLimit: true, responseOnLimit: uploadTooLargeMessage },
  db: databaseAdapter(),
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  jobs: {
    access: { run: canRunJobs },
    // Runs scheduled publications inside the CMS process; production may run `payload jobs:run` instead.
    // Also runs `rebuildSite` (queue `publish`: every second, one at a time); production may run
    // `payload jobs:run --queue publish --cron '* * * * * *'` instead.
    autoRun: [{ cron: '* * * * *', queue: 'default' }, publishAutoRun],
    tasks: [rebuildSiteTask, reviewRemindersTask],
    shouldAutoRun: () => process.env.PAYLOAD_JOBS_AUTORUN !== 'false',
  },
  graphQL: { disable: true },
  // Builds cut off by a crash or a restart are marked failed and requested again.
  onInit: recoverInterruptedBuilds,
  telemetry: false,
}).then(restrictDocumentLocks);
