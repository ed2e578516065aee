/** `npm run seed`: fills the configured database with the sample content (idempotent). */
import { getPayload } from 'payload';

import { DatabaseUriError } from '../utilities/database';
import { seed } from './index';
import { seedPassword } from './users';

try {
  const { default: config } = await import('../payload.config');
  const payload = await getPayload({ config });
  const report = await seed(payload, { password: seedPassword(), log: (line) => console.log(`seed: ${line}`) });
  console.log(`seed: done (${Object.entries(report.created).map(([name, count]) => `${count} ${name}`).join(', ')} created)`);
  process.exit(0);
} catch (error) {
  if (error instanceof DatabaseUriError) {
    console.error(`seed: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
