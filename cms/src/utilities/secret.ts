import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * The signing secret for sessions. Production must provide PAYLOAD_SECRET; development derives
 * a machine-local one so `npm start` needs no setup and no secret is ever committed.
 */
export function payloadSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAYLOAD_SECRET) return env.PAYLOAD_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new Error('PAYLOAD_SECRET is required when NODE_ENV=production (a long random string).');
  }
  return createHash('sha256').update(`passerelle-development:${hostname()}`).digest('hex');
}
