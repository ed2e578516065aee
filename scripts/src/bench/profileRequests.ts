/**
 * What each request of the load bench costs the web process, one at a time: on a database the
 * bench filled (`DATABASE_URI`, a copy of the kept 1,000-fiche corpus), sends each kind through
 * Payload's REST handlers in this process (the ones loadServer.ts and `next start` mount) and
 * prints, per kind, the wall and CPU time (p50 / p95), the SQL statements and the answer's size.
 * Run from `cms/`:
 *
 *   DATABASE_URI=file:/path/passerelle.db PAYLOAD_SECRET=x NODE_ENV=development PAYLOAD_JOBS_AUTORUN=false \
 *     node --import tsx ../scripts/src/bench/profileRequests.ts 20
 *
 * It saves drafts in that database: use a copy. README « Load (`--load`) » gives its figures.
 */
import { performance } from 'node:perf_hooks';

import { REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes';

import { countByTable, recordQueries } from '../../../cms/src/database/queryLog';
import {
  ficheAutosave,
  ficheEditScreen,
  ficheListScreen,
  translationListScreen,
  translationSave,
  translationScreen,
  type Send,
} from './loadRequests';
import { percentile } from './stats';

const samples = Number(process.argv[2] ?? '20');
// `before`: also the requests the load bench sent until 2026-12-02, for comparison.
const before = process.argv[3] === 'before';
const { default: config } = await import('@passerelle/cms/payload.config');
const { getPayload } = await import('payload');
// Payload started once here; the REST handlers then find it.
await getPayload({ config });
const handlers = { GET: REST_GET(config), PATCH: REST_PATCH(config), POST: REST_POST(config) } as const;

async function call(method: keyof typeof handlers, path: string, token?: string, body?: unknown) {
  const url = new URL(path, 'http://127.0.0.1');
  const headers = new Headers({ 'content-type': 'application/json' });
  if (token) headers.set('authorization', `JWT ${token}`);
  const answer = await handlers[method](
    new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) },
  );
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${path}: HTTP ${answer.status} ${text.slice(0, 300)}`);
  return text;
}

const login = async (email: string) =>
  (JSON.parse(await call('POST', '/api/users/login', undefined, { email, password: 'passerelle-dev' })) as { token: string })
    .token;
const tokens = { editor: await login('editor@passerelle.test'), translator: await login('translator-ar@passerelle.test') };
const { docs: fiches } = JSON.parse(
  await call('GET', '/api/fiches?limit=200&depth=0&select[id]=true&sort=slug', tokens.editor),
) as { docs: { id: string }[] };
const { docs: translations } = JSON.parse(
  await call('GET', '/api/translations?limit=200&depth=0&select[id]=true&where[language][equals]=ar', tokens.translator),
) as { docs: { id: string }[] };

// Each request kind's figures; each screen sent one at a time, as one user would.
type Sample = { wall: number; cpu: number; bytes: number; statements: number };
const samplesOf = new Map<string, Sample[]>();
let recording = false;
const send: Send = async (kind, method, path, body) => {
  const token = kind.startsWith('translation') ? tokens.translator : tokens.editor;
  const stop = recordQueries();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const text = await call(method, path, token, body);
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const statements = stop();
  if (recording) {
    const list = samplesOf.get(kind) ?? [];
    list.push({ wall, cpu: (cpu.user + cpu.system) / 1000, bytes: Buffer.byteLength(text), statements: statements.length });
    samplesOf.set(kind, list);
    for (const [key, count] of countByTable(statements))
      tables.set(`${kind}: ${key}`, (tables.get(`${kind}: ${key}`) ?? 0) + count);
  }
  return JSON.parse(text) as unknown;
};
const tables = new Map<string, number>();

const round = async (index: number) => {
  const docs = await ficheListScreen(send);
  const form = await ficheEditScreen(send, fiches[index % fiches.length]!.id);
  // The first autosave of an edit adds a version; the next ones overwrite it (Payload's autosave).
  await ficheAutosave(send, form, `Résumé relu ${index} : les étapes restent les mêmes, les délais sont précisés.`);
  await ficheAutosave(send, form, `Résumé relu ${index} : les étapes restent les mêmes, les délais sont enfin précisés.`);
  await translationListScreen(send, 'ar');
  const translation = await translationScreen(send, translations[index % translations.length]!.id);
  await translationSave(send, translation, `ملخص ${index}`);
  // What the load bench sent before (2026-12-02): 20 whole fiches, a fiche at depth 1, a draft that adds a version.
  if (before) {
    const id = fiches[(index + 7) % fiches.length]!.id;
    await send('before: list of 20' as never, 'GET', '/api/fiches?limit=20&depth=0&draft=true&sort=-updatedAt&locale=fr');
    await send('before: fiche depth 1' as never, 'GET', `/api/fiches/${id}?draft=true&depth=1&locale=fr`);
    await send('before: draft save' as never, 'PATCH', `/api/fiches/${id}?draft=true&depth=0`, {
      summary: `Résumé en cours de relecture, version ${index} : les démarches restent les mêmes.`,
    });
  }
  return docs.length;
};
await round(samples + 1); // warm-up, not counted
recording = true;
for (let index = 0; index < samples; index += 1) await round(index);

const results: Record<string, unknown> = {};
for (const [kind, list] of samplesOf) {
  const of = (pick: (sample: Sample) => number) => list.map(pick);
  results[kind] = {
    count: list.length,
    wallMs: {
      p50: Math.round(
        percentile(
          of((s) => s.wall),
          50,
        ),
      ),
      p95: Math.round(
        percentile(
          of((s) => s.wall),
          95,
        ),
      ),
    },
    cpuMs: {
      p50: Math.round(
        percentile(
          of((s) => s.cpu),
          50,
        ),
      ),
      p95: Math.round(
        percentile(
          of((s) => s.cpu),
          95,
        ),
      ),
    },
    statements: percentile(
      of((s) => s.statements),
      50,
    ),
    kilobytes:
      Math.round(
        percentile(
          of((s) => s.bytes),
          50,
        ) / 100,
      ) / 10,
  };
  console.log(kind.padEnd(26), JSON.stringify(results[kind]));
}
console.log('statements per request, by table:');
for (const [key, count] of [...tables].sort()) {
  // `kind: table`; a kind may hold a colon itself (`before: …`), a table never does.
  const kind = key.slice(0, key.lastIndexOf(': '));
  console.log(`  ${(count / (samplesOf.get(kind)?.length ?? 1)).toFixed(1).padStart(6)}  ${key}`);
}
console.log(`profile ${JSON.stringify({ samples, results })}`);
process.exit(0);
