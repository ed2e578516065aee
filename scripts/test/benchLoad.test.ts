import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repositoryRoot } from '@passerelle/content-schemas/repository';
import { describe, expect, it } from 'vitest';

import { migrateDatabase, percentiles } from '../src/bench/load';
import { ficheListColumns, type Send } from '../src/bench/loadRequests';
import { autosaveIntervalMs, editorSession, thinkDelay, translatorSession } from '../src/bench/loadSessions';
import { parseBenchOptions, UsageError } from '../src/bench/options';

describe('npm run bench -- --load', () => {
  it('defaults to the issue’s run: 50 users, 5 minutes, 5 publications a minute', () => {
    expect(parseBenchOptions(['--load']).load).toEqual({ users: 50, durationSeconds: 300, publishesPerMinute: 5 });
  });

  it('takes a reduced size and a kept corpus', () => {
    expect(
      parseBenchOptions(['--load', '--users', '8', '--duration=60', '--publish-rate', '3', '--database', 'x.db']).load,
    ).toEqual({
      users: 8,
      durationSeconds: 60,
      publishesPerMinute: 3,
      database: 'x.db',
    });
  });

  it('runs on the synthetic corpus of the size asked, whatever the order of the options', () => {
    expect(parseBenchOptions(['--fiches', '200', '--load', '--duration', '60']).load).toEqual({
      users: 50,
      durationSeconds: 60,
      publishesPerMinute: 5,
      corpus: { fiches: 200, randomSeed: 20_261_127 },
    });
    expect(parseBenchOptions(['--load', '--quick', '--seed', '7']).load?.corpus).toEqual({ fiches: 100, randomSeed: 7 });
    expect(parseBenchOptions(['--load']).load?.corpus).toBeUndefined();
  });

  it('builds the live site before the load unless told not to', () => {
    expect(parseBenchOptions(['--load']).load?.noLiveSite).toBeUndefined();
    expect(parseBenchOptions(['--load', '--no-live-site']).load?.noLiveSite).toBe(true);
  });

  it('refuses two corpora at once', () => {
    expect(() => parseBenchOptions(['--load', '--fiches', '200', '--database', 'x.db'])).toThrow(/choose one corpus/);
    expect(() => parseBenchOptions(['--load', '--quick', '--cms-url', 'http://127.0.0.1:3000'])).toThrow(UsageError);
  });

  it('never aims at another machine', () => {
    expect(() => parseBenchOptions(['--load', '--cms-url', 'https://cms.example.org'])).toThrow(UsageError);
    expect(parseBenchOptions(['--load', '--cms-url', 'http://127.0.0.1:3000']).load?.cmsUrl).toBe('http://127.0.0.1:3000');
  });

  it('takes the think time and the saturation run, 0 for none', () => {
    expect(parseBenchOptions(['--load', '--think', '0', '--saturation', '30']).load).toMatchObject({
      thinkSeconds: 0,
      saturationSeconds: 30,
    });
    expect(parseBenchOptions(['--load']).load?.thinkSeconds).toBeUndefined();
    expect(() => parseBenchOptions(['--load', '--think', '-1'])).toThrow(UsageError);
  });

  it('refuses a size that is not a whole number', () => {
    expect(() => parseBenchOptions(['--load', '--users', '0'])).toThrow(/--users needs a whole number ≥ 1/);
  });
});

describe('percentiles', () => {
  it('reads p50, p95 and p99 as the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p95: 7, p99: 7, max: 7 });
  });
});

describe('the migration before the load', () => {
  /**
   * A repository whose cms/src/database/migrateCli.ts ends its runs as `endings` says, one after
   * the other (`printing` first prints a line of its own), and counts them.
   */
  async function repositoryWithMigration(endings: ('unsettled' | 'printing, then 13' | 'done')[]) {
    const root = await mkdtemp(path.join(tmpdir(), 'passerelle-migrate-'));
    await mkdir(path.join(root, 'cms/src/database'), { recursive: true });
    // `--import tsx` is resolved from the CMS's folder, as in the repository.
    await symlink(path.join(repositoryRoot, 'node_modules'), path.join(root, 'node_modules'));
    const counter = path.join(root, 'runs');
    const script = `import { appendFileSync, readFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(counter)}, 'x');
const ending = ${JSON.stringify(endings)}[readFileSync(${JSON.stringify(counter)}, 'utf8').length - 1] ?? 'done';
if (ending === 'unsettled') process.exit(13);
if (ending === 'done') console.log('migrations: done (3 applied)');
else console.log('migrations: applying 20261127_fiches');
process.exit(ending === 'done' ? 0 : 13);
`;
    await writeFile(path.join(root, 'cms/src/database/migrateCli.ts'), script);
    return { root, runs: async () => (await readFile(counter, 'utf8')).length };
  }

  const env = { ...process.env, DATABASE_URI: 'file:/tmp/passerelle-load.db' };

  it('runs it again after Node 20 ended it before it printed anything (exit code 13)', async () => {
    const { root, runs } = await repositoryWithMigration(['unsettled', 'unsettled', 'done']);
    await migrateDatabase(root, env);
    expect(await runs()).toBe(3);
  });

  it('never runs again a migration that printed before ending with code 13: it had begun its work', async () => {
    const { root, runs } = await repositoryWithMigration(['printing, then 13', 'done']);
    await expect(migrateDatabase(root, env)).rejects.toThrow(/ended \(exit code 13\) without finishing:\nmigrations: applying/);
    expect(await runs()).toBe(1);
  });
});

/** A seeded generator (mulberry32): the same draws every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('think time', () => {
  it('is exponential with the mean asked, cut at ten times the mean (TPC-W)', () => {
    const random = seeded(42);
    const draws = Array.from({ length: 20_000 }, () => thinkDelay(7_000, random));
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    // The cut at 70 s takes e^-10 × 7 s off an exponential's mean: nothing measurable.
    expect(mean).toBeGreaterThan(6_800);
    expect(mean).toBeLessThan(7_200);
    expect(Math.max(...draws)).toBeLessThanOrEqual(70_000);
    // Exponential, not uniform: the median is ln 2 × the mean.
    const median = [...draws].sort((a, b) => a - b)[10_000]!;
    expect(median).toBeGreaterThan(4_600);
    expect(median).toBeLessThan(5_100);
    expect(thinkDelay(7_000, () => 0.999_999_999)).toBe(70_000);
    expect(thinkDelay(0, random)).toBe(0);
  });
});

describe('the users of the load', () => {
  const recording = () => {
    const sent: { kind: string; method: string; path: string; body?: unknown }[] = [];
    const send: Send = async (kind, method, path, body) => {
      sent.push({ kind, method, path, body });
      if (kind === 'fiche list')
        return {
          docs: [
            { id: 'f1', _status: 'draft' },
            { id: 'f2', _status: 'published' },
          ],
          totalPages: 3,
        };
      if (kind === 'fiche edit') return { id: 'f9', title: 'Titre', summary: 'Ancien', createdAt: 'x', updatedAt: 'y' };
      if (path.startsWith('/api/translations/')) return { id: 't1', fiche: 'f9', language: 'ar' };
      return { docs: [] };
    };
    return { sent, send };
  };

  it('an editor: the list as the admin asks it (its columns, 10 a page), the « modifié » query, the edit view, then autosaves 2 s apart at least', async () => {
    const { sent, send } = recording();
    const pauses: number[] = [];
    let screens = 0;
    // Every draw 0.1: page 1, each round types (0.1 < 0.5) and autosaves once (1 + ⌊0.1 × 4⌋).
    await editorSession(
      {
        send,
        thinkMs: 7_000,
        until: () => screens >= 6,
        sleep: async (ms) => void pauses.push(ms),
        random: () => 0.1,
        fiches: [{ id: 'f9' }],
        translations: [],
        language: 'ar',
        fichePages: 100,
      },
      async (_screen, run) => {
        screens += 1;
        return run();
      },
    );
    expect(sent.map((request) => request.kind).slice(0, 4)).toEqual([
      'fiche list',
      'fiche list status',
      'fiche edit',
      'fiche autosave',
    ]);
    const list = new URL(sent[0]!.path, 'http://x');
    expect(list.searchParams.get('limit')).toBe('10');
    expect(list.searchParams.get('draft')).toBe('true');
    expect([...list.searchParams.keys()].filter((key) => key.startsWith('select['))).toEqual(
      ficheListColumns.map((column) => `select[${column}]`),
    );
    expect(sent[1]!.path).toContain('where[and][0][parent][in][0]=f1');
    expect(sent[1]!.path).not.toContain('f2');
    const autosave = sent[3]!;
    expect(autosave.method).toBe('PATCH');
    expect(autosave.path).toBe('/api/fiches/f9?autosave=true&depth=0&draft=true&fallback-locale=null&locale=fr');
    // The whole form, the summary typed; Payload's own fields left to it.
    expect(autosave.body).toMatchObject({ title: 'Titre', _status: 'draft' });
    expect(autosave.body).not.toHaveProperty('id');
    expect(autosave.body).not.toHaveProperty('updatedAt');
    expect((autosave.body as { summary: string }).summary).toMatch(/^Résumé relu/);
    // Two rounds of list, edit view, one autosave.
    expect(sent.filter((request) => request.kind === 'fiche autosave')).toHaveLength(2);
    // A think time after the list and the edit view; before the autosave, the 2 s interval plus a pause.
    expect(pauses[0]).toBeCloseTo(-Math.log(0.9) * 7_000);
    expect(pauses[2]).toBeCloseTo(autosaveIntervalMs - Math.log(0.9) * 3_000);
  });

  it('a translator: the list of their language, the side-by-side view (translation, French draft, text online), a save', async () => {
    const { sent, send } = recording();
    let screens = 0;
    await translatorSession(
      {
        send,
        thinkMs: 0,
        until: () => screens >= 3,
        sleep: async () => {},
        random: () => 0.1,
        fiches: [],
        translations: [{ id: 't1' }],
        language: 'ar',
        fichePages: 1,
      },
      async (_screen, run) => {
        screens += 1;
        return run();
      },
    );
    expect(sent.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toEqual([
      'GET /api/translations',
      'GET /api/translations/t1',
      'GET /api/fiches/f9',
      'GET /api/fiches/f9',
      'PATCH /api/translations/t1',
    ]);
    expect(sent[0]!.path).toContain('where[language][equals]=ar');
    expect(sent[2]!.path).toContain('draft=true&fallback-locale=null&locale=fr');
    expect(sent[3]!.path).toContain('locale=ar');
    expect(sent[3]!.path).not.toContain('draft=true');
  });
});
