/**
 * `npm run import -- <fiches.json> [--strict]`: imports fiches in the shape of a published
 * snapshot into the configured database (see importFiches.ts). When the file sits in a snapshot
 * folder, its themes.json, needs.json and structures.json say which theme, need or structure each
 * id meant, so references are matched by slug; otherwise ids must exist here as they are.
 *
 * Run with `--expose-gc` (the npm script does): libSQL frees its native results only when their
 * JavaScript wrappers are collected, so the importer collects when it grew (boundedMemory.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { getPayload } from 'payload';

import { checkpoint } from '../database/checkpoint';
import { DatabaseUriError } from '../utilities/database';
import { countJsonArrayElements, JsonArrayError, jsonArrayElements } from './jsonArray';
import { collectWhenGrown, ImportFileError, importFiches, type ImportProgress, type SourceReferences } from './importFiches';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const file = args.find((arg) => !arg.startsWith('--'));
if (!file) {
  console.error('import : indiquez le fichier à importer, par exemple « npm run import -- snapshot/fiches.json [--strict] »');
  process.exit(2);
}
// npm runs the workspace script from cms/; the path is the one the user typed, from where they were.
const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

function readJson(target: string): unknown {
  try {
    return JSON.parse(readFileSync(target, 'utf8'));
  } catch (error) {
    console.error(`import : impossible de lire ${target} (${error instanceof Error ? error.message : String(error)})`);
    process.exit(2);
  }
}

// The file is read one fiche at a time (jsonArray.ts); a first pass counts and checks every
// element, so a file that is not valid JSON is refused before anything is written.
let total: number;
try {
  total = await countJsonArrayElements(filePath);
} catch (error) {
  console.error(`import : impossible de lire ${filePath} (${error instanceof Error ? error.message : String(error)})`);
  process.exit(2);
}
const references: SourceReferences = {};
for (const collection of ['themes', 'needs', 'structures', 'documents'] as const) {
  const sibling = path.join(path.dirname(filePath), `${collection}.json`);
  if (existsSync(sibling)) references[collection] = readJson(sibling) as { id: string; slug: string }[];
}

process.env.PAYLOAD_JOBS_AUTORUN = 'false';
let started = Date.now();
let lastLine = 0;
const line = (progress: ImportProgress) => {
  const seconds = (Date.now() - started) / 1000;
  const rate = progress.done / Math.max(seconds, 0.001);
  const rssMb = Math.round(process.memoryUsage.rss() / 1048576);
  return `import : ${progress.done}/${progress.total} fiches — ${progress.imported} importées, ${progress.skipped} déjà présentes, ${progress.failed} en erreur — ${rate.toFixed(1)} fiches/s, ${rssMb} Mo`;
};

try {
  const { default: config } = await import('../payload.config');
  const payload = await getPayload({ config });
  // The rate counts the import, not the start of Payload.
  started = Date.now();
  const memory = collectWhenGrown();
  const report = await importFiches(
    payload,
    { total, fiches: jsonArrayElements(filePath) },
    {
      strict,
      references,
      afterFiche: memory.afterFiche,
      onProgress: (progress) => {
        if (progress.done === progress.total || Date.now() - lastLine > 2_000) {
          lastLine = Date.now();
          console.log(line(progress));
        }
      },
    },
  );
  await checkpoint(payload);
  for (const problem of report.problems) {
    console.error(
      `import : fiche n° ${problem.position}${problem.slug ? ` (${problem.slug})` : ''}, champ ${problem.path} : ${problem.message}`,
    );
  }
  if (report.stopped)
    console.error(
      'import : arrêté à la première fiche en erreur (--strict) ; relancez après correction, les fiches déjà importées seront sautées.',
    );
  console.log(line(report));
  process.exit(report.failed > 0 ? 1 : 0);
} catch (error) {
  // A file changed between the first pass and the import fails here, as plainly as in the first pass.
  if (error instanceof ImportFileError || error instanceof JsonArrayError || error instanceof DatabaseUriError) {
    console.error(`import : ${error.message}`);
    process.exit(2);
  }
  throw error;
}
