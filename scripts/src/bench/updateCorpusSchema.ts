/**
 * Child process of the bench (working directory `cms/`, `DATABASE_URI` pointing at a copy of a
 * kept corpus, `NODE_ENV=development`): starting Payload once in development pushes the current
 * schema onto the copy, so a corpus inserted before a schema change (a new column) still serves
 * a CMS built from today's code. Drizzle asks before anything that would lose data; a new
 * nullable column goes through without a question.
 */
import { getPayload } from 'payload';

const { default: config } = await import('@passerelle/cms/payload.config');
await getPayload({ config });
console.log('schema up to date');
process.exit(0);
