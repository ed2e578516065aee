import type { Payload } from 'payload';

/**
 * SQLite runs with a write-ahead log (payload.config.ts): what a command wrote may sit in
 * `passerelle.db-wal` until a checkpoint. Commands that fill a database (seed, import) end with
 * one, so the `.db` file alone holds everything and can be copied as it is. MongoDB: nothing to do.
 */
export async function checkpoint(payload: Payload): Promise<void> {
  const client = (payload.db as unknown as { client?: { execute: (sql: string) => Promise<unknown> } }).client;
  if (client) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
}
