/**
 * The load bench's CMS processes take their schema from the committed migrations, not from
 * Drizzle's development push: on a database where the push would lose data (here a table the
 * collections do not know, holding a row), the push asks on stdin, and a child with no terminal
 * ends with exit code 13 before serving. With the bench's environment it starts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { cmsEnv, migrateDatabase } from '../src/bench/load';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'passerelle-load-schema-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A Node child in cms/ (the bench's servers' folder) with no stdin, as the bench starts them. */
function nodeInCms(script: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: path.join(repoRoot, 'cms'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 180_000,
  });
}

describe('the load bench’s CMS processes', () => {
  it('migrate the database and start where the development push would ask a question', async () => {
    const env = cmsEnv(work, 'test-secret-for-the-load-schema');
    await migrateDatabase(repoRoot, env);

    const legacy = nodeInCms(
      `import { createClient } from '@libsql/client';
       const client = createClient({ url: process.env.DATABASE_URI });
       await client.execute('CREATE TABLE legacy_notes (id integer primary key, text text)');
       await client.execute("INSERT INTO legacy_notes (text) VALUES ('à garder')");
       console.log('LEGACY_TABLE');`,
      env,
    );
    expect(legacy.stdout + legacy.stderr).toContain('LEGACY_TABLE');

    const started = nodeInCms(
      `import { getPayload } from 'payload';
       const { default: config } = await import('./src/payload.config.ts');
       const payload = await getPayload({ config });
       const { totalDocs } = await payload.count({ collection: 'fiches' });
       const { rows } = await payload.db.client.execute('SELECT text FROM legacy_notes');
       console.log('STARTED', totalDocs, rows[0]?.text);
       process.exit(0);`,
      env,
    );
    expect({ status: started.status, tail: started.stdout.slice(-600) + started.stderr.slice(-1500) }).toMatchObject({
      status: 0,
    });
    // Nothing dropped: the push would have deleted the table the collections do not know.
    expect(started.stdout).toContain('STARTED 0 à garder');
  });
});
