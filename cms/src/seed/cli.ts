/** `npm run seed [-- --if-empty]`: fills the configured database with the sample content (idempotent). */
import { getPayload } from 'payload';

import { checkpoint } from '../database/checkpoint';
import { DatabaseUriError } from '../utilities/database';
import { seed } from './index';
import { assertSeedPasswordAllowed, SeedPasswordError, seedPassword } from './users';

try {
  const { default: config } = await import('../payload.config');
  const payload = await getPayload({ config });
  // `npm start` seeds only a brand-new database; `npm run seed` tops up whatever is missing.
  if (process.argv.includes('--if-empty')) {
    const [fiches, users] = await Promise.all([payload.count({ collection: 'fiches' }), payload.count({ collection: 'users' })]);
    if (fiches.totalDocs > 0 || users.totalDocs > 0) {
      console.log(`seed: skipped, the database already has content (${fiches.totalDocs} fiches, ${users.totalDocs} users)`);
      process.exit(0);
    }
  }
  const password = seedPassword();
  // Refused before any content is written, not halfway through.
  if (password) assertSeedPasswordAllowed(password, { database: payload.db.name, nodeEnv: process.env.NODE_ENV });
  const report = await seed(payload, { password, log: (line) => console.log(`seed: ${line}`) });
  await checkpoint(payload);
  console.log(
    `seed: done (${Object.entries(report.created)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ')} created)`,
  );
  process.exit(0);
} catch (error) {
  if (error instanceof DatabaseUriError || error instanceof SeedPasswordError) {
    console.error(`seed: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
