import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

export class SecretError extends Error {
  override name = 'SecretError';
}

/**
 * The signing secret for sessions. A deployed CMS must be given PAYLOAD_SECRET (`npm start`
 * makes a random one per machine, kept out of git); tests and tools outside production derive a
 * machine-local one, so no secret is ever committed.
 */
export function payloadSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAYLOAD_SECRET) return env.PAYLOAD_SECRET;
  // `next build` evaluates the config to collect routes but signs nothing; the server reads the
  // real secret again when it starts.
  if (env.NEXT_PHASE === 'phase-production-build') return 'unused-at-build-time';
  if (env.NODE_ENV === 'production') {
    throw new SecretError(
      'PAYLOAD_SECRET is required when NODE_ENV=production (a long random string, e.g. `openssl rand -hex 32`).',
    );
  }
  return createHash('sha256').update(`passerelle-development:${hostname()}`).digest('hex');
}
