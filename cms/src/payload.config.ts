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
import { Documents } from './collections/Documents';
import { Fiches } from './collections/Fiches';
import { Media } from './collections/Media';
import { Needs } from './collections/Needs';
import { Redirects } from './collections/Redirects';
import { RunnerLocks } from './publishing/RunnerLocks';
import { Structures } from './collections/Structures';
import { Themes } from './collections/Themes';
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
import { publishingPlugin } from './publishing/plugin';
import { previewPlugin } from './publishing/preview/plugin';
// Before any database connection: libSQL's prepared statements are reused (native memory).
import './database/statementCache';
import { addScaleIndexes, ensureMongoVersionIndexes } from './database/indexes';
import { queryLogger } from './database/queryLog';
import { translationPlugin } from './translation/plugin';
import { resolveDatabaseTarget } from './utilities/database';
import { cmsRole, jobsAutoRun, logFormat } from './utilities/deployment';
import { healthEndpoint } from './utilities/health';
import { mediaStoragePlugin } from './utilities/mediaStoragePlugin';
import { payloadSecret } from './utilities/secret';
import { publicServerUrl } from './utilities/serverUrl';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const cmsRoot = path.resolve(dirname, '..');
// Read once at load: a web instance told to run jobs, or a wrong setting, stops here in one line.
const runsJobs = jobsAutoRun();

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
    // Write-ahead log: readers (the admin, the export of a build) no longer wait for a writer, and
    // a commit appends to the log instead of rewriting pages and syncing twice. NORMAL syncs at
    // checkpoints only: a power cut can lose the last commits, never corrupt the file. To copy
    // the database, copy passerelle.db with its -wal file, or run `PRAGMA wal_checkpoint` first.
    wal: { synchronous: 'NORMAL' },
    migrationDir: path.resolve(dirname, 'migrations/sqlite'),
    // In development Payload pushes the schema with Drizzle, which asks on stdin before a change
    // that would lose data; a process without a terminal (the bench's servers, a worker started
    // by a script) then ends with code 13 before serving. Those set PAYLOAD_DB_PUSH=false and
    // run the committed migrations first (`payload migrate`), as production does.
    push: process.env.PAYLOAD_DB_PUSH?.trim().toLowerCase() !== 'false',
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
      // After the translation plugin's panel (translation/plugin.ts): fiches due for a check.
      beforeDashboard: ['/components/ReviewDashboard#ReviewDashboard'],
      // Two-factor code and enrolment, under the login form.
      afterLogin: ['/components/SecondFactorLogin#SecondFactorLogin'],
      // French names for the rich-text editor's buttons that Payload's i18n does not reach.
      providers: ['/components/EditorFrenchLabels#EditorFrenchLabels'],
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
  // Translations (translation/plugin.ts) and Builds (publishing/plugin.ts) come with their plugins.
  collections: [Fiches, Themes, Needs, Documents, Structures, Media, Users, Redirects, RunnerLocks, ReviewReminders].map(
    withRequestedIdIgnored,
  ),
  // Media on disk by default, in an S3-compatible bucket with S3_BUCKET (utilities/deployment.ts).
  plugins: [translationPlugin(), publishingPlugin({ runsJobs }), previewPlugin(), mediaStoragePlugin()],
  endpoints: [healthEndpoint],
  // JSON lines (one object per line, `buildId` on every publication line) for log collectors in
  // production; readable lines on a developer's terminal. LOG_FORMAT=json|pretty to choose.
  ...(logFormat() === 'json'
    ? {
        logger: {
          options: {
            name: `passerelle-cms:${cmsRole()}`,
            level: process.env.LOG_LEVEL || 'info',
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
          },
        },
      }
    : {}),
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
    // A `web` instance (CMS_ROLE) schedules nothing: only the worker runs jobs. The publishing
    // plugin adds its `publish` queue, its `rebuildSite` task and the runner's sign of life.
    autoRun: runsJobs ? [{ cron: '* * * * *', queue: 'default' }] : [],
    tasks: [reviewRemindersTask],
    shouldAutoRun: () => runsJobs,
  },
  graphQL: { disable: true },
  telemetry: false,
}).then(restrictDocumentLocks);
