import type { Payload, PayloadRequest } from 'payload';
import { commitTransaction, initTransaction, killTransaction } from 'payload';

/**
 * Runs `work` in one transaction, all or nothing. SQLite here runs without Payload transactions
 * (each would open a new libSQL connection, see docs/scale.md): the statements all go through the
 * one connection, inside BEGIN IMMEDIATE…COMMIT. MongoDB: Payload's own transaction on `req`.
 * Used by the bulk import (one fiche with its translations) and the XLIFF import (one file).
 */
export async function inOneTransaction(payload: Payload, req: PayloadRequest, work: () => Promise<void>): Promise<void> {
  const client = (payload.db as unknown as { client?: { execute: (sql: string) => Promise<unknown> } }).client;
  if (client) {
    await client.execute('BEGIN IMMEDIATE');
    try {
      await work();
      await client.execute('COMMIT');
    } catch (error) {
      await client.execute('ROLLBACK');
      throw error;
    }
    return;
  }
  await initTransaction(req);
  try {
    await work();
    await commitTransaction(req);
  } catch (error) {
    await killTransaction(req);
    throw error;
  }
}
