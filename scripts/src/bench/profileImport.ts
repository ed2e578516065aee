import { getPayload } from 'payload';
import { importFiches } from '@passerelle/cms/import';
import { loadSeedData, seed } from '@passerelle/cms/seed';
import { snapshotFichesOf } from '@passerelle/cms/seed/snapshotOf';
import { seedPassword } from '@passerelle/cms/seed/users';
import { recordQueries } from '../../../cms/src/database/queryLog';
import { generateCorpus } from './corpus';

const [n = '10'] = process.argv.slice(2);
const { default: config } = await import('@passerelle/cms/payload.config');
const payload = await getPayload({ config });
const corpus = generateCorpus(loadSeedData(), { fiches: Number(n), randomSeed: 20261127 });
await seed(payload, { password: seedPassword({ ...process.env, NODE_ENV: 'development' }), data: { ...corpus, fiches: [] } });
const idsOf = async (collection: 'themes' | 'needs' | 'structures') => {
  const { docs } = await payload.find({ collection, pagination: false, depth: 0, select: { slug: true } });
  return new Map(docs.map((doc) => [doc.slug as string, doc.id]));
};
const fiches = snapshotFichesOf(corpus.fiches, { themes: await idsOf('themes'), needs: await idsOf('needs'), structures: await idsOf('structures') });
const stack: { key: string; child: number }[] = [];
const excl = new Map<string, [number, number]>();
for (const op of ['create', 'update', 'find', 'findByID', 'count', 'findVersions'] as const) {
  const orig = (payload as any)[op].bind(payload);
  (payload as any)[op] = async (args: any) => {
    const ctx = args.req?.context ?? {};
    const key = `${op} ${args.collection} ${args.locale ?? ''} ${args.draft ? 'draft' : ''} ${Object.keys(args.context ?? {}).join(',')}`;
    const frame = { key, child: 0 };
    stack.push(frame);
    const t = performance.now();
    try { return await orig(args); } finally {
      const d = performance.now() - t;
      stack.splice(stack.indexOf(frame), 1);
      const parent = stack.at(-1); if (parent) parent.child += d;
      const e = excl.get(key) ?? [0, 0]; e[0] += 1; e[1] += d - frame.child; excl.set(key, e);
    }
  };
}
const stop = recordQueries();
const t0 = Date.now();
const cpu0 = process.cpuUsage();
const r = await importFiches(payload, fiches, { strict: true });
const ms = Date.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log('cpu ms per fiche', ((cpu.user + cpu.system) / 1000 / Number(n)).toFixed(0));
const qs = stop();
const counts = new Map<string, number>();
for (const q of qs) {
  const s = q.sql.trim();
  const verb = s.split(/\s+/)[0]!.toLowerCase();
  const table = (/(?:from|into|update)\s+"?([\w_]+)"?/i.exec(s)?.[1]) ?? '?';
  const k = `${verb} ${table}`;
  counts.set(k, (counts.get(k) ?? 0) + 1);
}
console.log(JSON.stringify({ imported: r.imported, failed: r.problems, ms, perFiche: ms / r.imported, statements: qs.length, perFicheStatements: qs.length / r.imported }));
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(v / r.imported).padStart(8), k);
for (const [k, [c, t]] of [...excl].sort((a, b) => b[1][1] - a[1][1])) console.log((t / r.imported).toFixed(1).padStart(8), 'ms', (c / r.imported).toFixed(1).padStart(5), 'x', k);
process.exit(0);
