import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Payload, SanitizedConfig } from 'payload';
import { getPayload } from 'payload';

export type TestPayload = { payload: Payload; config: Promise<SanitizedConfig>; cleanup: () => Promise<void> };

/**
 * A real Payload on a throw-away database: a fresh SQLite file by default, or — when CI sets
 * DATABASE_URI to a MongoDB server — a fresh database on that server, dropped afterwards.
 * DATABASE_URI is set before the config is imported because the config reads it at load time.
 */
export async function createTestPayload(): Promise<TestPayload> {
  const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-test-'));
  const baseUri = process.env.DATABASE_URI;
  const isMongo = Boolean(baseUri?.startsWith('mongodb'));
  process.env.DATABASE_URI = isMongo ? uniqueMongoDatabase(baseUri as string) : `file:${path.join(dir, 'test.db')}`;
  process.env.MEDIA_DIR = path.join(dir, 'media');
  process.env.PAYLOAD_JOBS_AUTORUN = 'false';
  const { default: config } = await import('../../src/payload.config');
  const payload = await getPayload({ config });
  return {
    payload,
    config,
    cleanup: async () => {
      if (isMongo) {
        const connection = (payload.db as unknown as { connection?: { dropDatabase: () => Promise<unknown> } }).connection;
        await connection?.dropDatabase();
      }
      await payload.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function uniqueMongoDatabase(uri: string): string {
  const url = new URL(uri);
  const base = url.pathname.replace(/^\//, '') || 'passerelle-test';
  url.pathname = `/${base}-${randomBytes(4).toString('hex')}`;
  return url.toString();
}
