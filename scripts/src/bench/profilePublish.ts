/**
 * Where one publish request's time goes: on a database the bench filled (`DATABASE_URI`, e.g. a
 * kept `--scale` corpus), publishes N French title changes as « Publier » sends them (the same
 * call as adminTimings.ts) and prints, per publish, the wall and CPU time, the SQL statements by
 * kind and table, the time of each Local API operation (minus the operations it made itself)
 * and of each hook of the fiches and translations. Run from `cms/`:
 *
 *   DATABASE_URI=file:/path/passerelle.db PAYLOAD_SECRET=x NODE_ENV=development PAYLOAD_JOBS_AUTORUN=false \
 *     node --import tsx ../scripts/src/bench/profilePublish.ts 20
 *
 * It writes to that database (titles change): use a copy. docs/scale.md says what it found.
 */
import { performance } from 'node:perf_hooks';

import { getPayload } from 'payload';

import { countByTable, recordQueries } from '../../../cms/src/database/queryLog';
import { percentile } from './stats';

const publishes = Number(process.argv[2] ?? '20');
// `validate`: an Arabic expert's validation of an edited translation instead (publishValidated, memory…).
const validating = process.argv[3] === 'validate';
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });

// Each Local API operation timed, minus the operations it made itself.
type Call = { key: string; nested: number };
const open: Call[] = [];
const operations = new Map<string, { count: number; ms: number }>();
const record = (key: string, elapsed: number, nested: number) => {
  const total = operations.get(key) ?? { count: 0, ms: 0 };
  total.count += 1;
  total.ms += elapsed - nested;
  operations.set(key, total);
};
// `PROFILE_STACK=<start of a key>`: prints who makes that call, once per distinct caller.
const stackOf = process.env.PROFILE_STACK;
const stacksSeen = new Set<string>();
async function timed<T>(key: string, call: () => Promise<T>): Promise<T> {
  if (stackOf && key.startsWith(stackOf)) {
    const stack = (new Error().stack ?? '')
      .split('\n')
      .filter((line) => line.includes('/cms/src/'))
      .slice(0, 6)
      .join('\n');
    if (!stacksSeen.has(stack)) console.log(`${key} from:\n${stack}`);
    stacksSeen.add(stack);
  }
  const entry: Call = { key, nested: 0 };
  open.push(entry);
  const started = performance.now();
  try {
    return await call();
  } finally {
    const elapsed = performance.now() - started;
    open.splice(open.indexOf(entry), 1);
    const parent = open.at(-1);
    if (parent) parent.nested += elapsed;
    record(key, elapsed, entry.nested);
  }
}
for (const name of ['create', 'update', 'find', 'findByID', 'count', 'findVersions', 'delete'] as const) {
  const original = (payload[name] as (args: never) => Promise<unknown>).bind(payload);
  (payload as unknown as Record<string, unknown>)[name] = (args: {
    collection: string;
    locale?: string;
    draft?: boolean;
    context?: object;
  }) =>
    timed(
      `${name} ${args.collection} ${args.locale ?? ''}${args.draft ? ' draft' : ''} ${Object.keys(args.context ?? {}).join(',')}`,
      () => original(args as never),
    );
}
// Each hook of the two collections a publication touches, timed the same way.
for (const slug of ['fiches', 'translations'] as const) {
  const hooks = payload.collections[slug].config.hooks as unknown as Record<string, ((args: never) => unknown)[]>;
  for (const [kind, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    list.forEach((hook, index) => {
      const key = `hook ${slug}.${kind} ${hook.name || index}`;
      list[index] = (args: never) => timed(key, async () => hook(args));
    });
  }
}

const email = validating ? 'expert-ar@passerelle.test' : 'editor@passerelle.test';
const editor = (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })).docs[0];
if (!editor) throw new Error(`no ${email} in this database`);
const { docs: fiches } = await payload.find({ collection: 'fiches', limit: publishes + 1, depth: 0, locale: 'fr', sort: 'slug' });

const { docs: arabic } = await payload.find({
  collection: 'translations',
  where: { and: [{ language: { equals: 'ar' } }, { status: { equals: 'validated' } }] },
  limit: publishes + 1,
  depth: 0,
  sort: 'createdAt',
});
const publish = (round: number) => {
  const fiche = fiches[round % fiches.length]!;
  const translation = arabic[round % arabic.length]!;
  if (validating)
    return payload.update({
      collection: 'translations',
      id: translation.id,
      depth: 0,
      data: { summary: `${translation.summary ?? ''} (${round})`, status: 'validated' },
      overrideAccess: false,
      user: editor,
      context: { skipRebuild: true },
    });
  return payload.update({
    collection: 'fiches',
    id: fiche.id,
    locale: 'fr',
    depth: 0,
    data: { title: `${fiche.title} (${round})`, _status: 'published' },
    overrideAccess: false,
    user: editor,
    context: { skipRebuild: true },
  });
};
await publish(publishes + 1); // warm-up, not counted
operations.clear();

const stop = recordQueries();
const walls: number[] = [];
const cpus: number[] = [];
for (let round = 0; round < publishes; round += 1) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await publish(round);
  walls.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  cpus.push((cpu.user + cpu.system) / 1000);
}
const statements = stop();

const per = (value: number) => (value / publishes).toFixed(1).padStart(7);
const byTable = countByTable(statements);
console.log(
  `${publishes} publishes: wall p50 ${percentile(walls, 50).toFixed(0)} ms, p95 ${percentile(walls, 95).toFixed(0)} ms; CPU p50 ${percentile(cpus, 50).toFixed(0)} ms; ${per(statements.length).trim()} statements each`,
);
console.log('statements per publish:');
for (const [key, count] of [...byTable].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${per(count)}  ${key}`);
console.log('operations and hooks per publish (ms of their own, count):');
for (const [key, { count, ms }] of [...operations].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30))
  console.log(`${per(ms)} ms ${per(count)} × ${key}`);
process.exit(0);
