/**
 * Where things are in this repository, for code that runs under Node (scripts, the site's
 * content loader, tests) — never imported by browser code, hence not exported from the index.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (where the root package.json is), whichever folder a command runs from. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The fixture snapshot (real CMS responses, trimmed) that tests and the fixture build read. */
export const fixtureSnapshotDir = path.join(repositoryRoot, 'content-schemas', 'fixtures', 'snapshot');
