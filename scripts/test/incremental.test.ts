/**
 * Which pages each kind of change touches (scripts/src/incremental.ts), change by change, without
 * building; that the deploy made from them equals a full build is site/test/build/incremental.test.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Fiche } from '@passerelle/content-schemas';
import { fixtureSnapshotDir as fixtureDir } from '@passerelle/content-schemas/repository';

import {
  changedIds,
  codeInputs,
  codeVersion,
  keepFile,
  mergeDeploy,
  planBuild,
  readSnapshot,
  relinkUnchanged,
} from '../src/incremental';

type Snapshot = Awaited<ReturnType<typeof readSnapshot>>;
let base: Snapshot;

beforeAll(async () => {
  base = await readSnapshot(fixtureDir);
});

const edit = (change: (snapshot: Snapshot) => void): Snapshot => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};
const fiche = (snapshot: Snapshot, slug: string): Fiche => {
  const found = snapshot.fiches.find((entry) => entry.slug === slug);
  if (!found) throw new Error(slug);
  return found;
};
const idOf = (slug: string) => fiche(base, slug).id;
const selectionOf = (plan: ReturnType<typeof planBuild>) => {
  if (plan.kind !== 'incremental') throw new Error(`full build: ${plan.why}`);
  return plan.selection;
};

describe('planBuild', () => {
  it('touches nothing when nothing changed', () => {
    expect(selectionOf(planBuild(base, structuredClone(base)))).toEqual({ fiches: [], departements: [] });
  });

  it('a local fiche edited (a change note): its pages and its départements only', () => {
    const after = edit((snapshot) => {
      fiche(snapshot, 'halte-garderie-insertion').changeNote = { fr: 'Nouveaux horaires le mercredi.' };
    });
    expect(selectionOf(planBuild(base, after))).toEqual({ fiches: [idOf('halte-garderie-insertion')], departements: ['38'] });
  });

  it('a local fiche moved to another département: both départements', () => {
    const after = edit((snapshot) => {
      fiche(snapshot, 'halte-garderie-insertion').infocards.location.departements = ['69'];
    });
    expect(selectionOf(planBuild(base, after)).departements).toEqual(['38', '69']);
  });

  it('a national fiche edited, or one that links to it: every département page, and the fiches linking to it', () => {
    const after = edit((snapshot) => {
      fiche(snapshot, 'carte-vitale').slug = 'obtenir-sa-carte-vitale';
    });
    const selection = selectionOf(planBuild(base, after));
    expect(selection.departements).toBe('all');
    // complementaire-sante-solidaire, permanence-sante-exil and protection-universelle-maladie link to it.
    expect(selection.fiches).toContain(idOf('protection-universelle-maladie'));
    expect(selection.fiches).not.toContain(idOf('halte-garderie-insertion'));
  });

  it('a fiche unpublished or deleted: its pages go, its départements are redone', () => {
    const after = edit((snapshot) => {
      snapshot.fiches = snapshot.fiches.filter((entry) => entry.slug !== 'halte-garderie-insertion');
    });
    const plan = planBuild(base, after);
    expect(selectionOf(plan)).toEqual({ fiches: [idOf('halte-garderie-insertion')], departements: ['38'] });
    if (plan.kind === 'incremental') {
      expect(plan.keep('fr/dispositifs/halte-garderie-insertion/index.html')).toBe(false);
      expect(plan.keep('f/qp29gn/index.html')).toBe(false);
      expect(plan.keep('fr/demarches/carte-vitale/index.html')).toBe(true);
    }
  });

  it('a translation validated or withdrawn: the fiche in every language', () => {
    const after = edit((snapshot) => {
      const halte = fiche(snapshot, 'halte-garderie-insertion');
      halte.title = { ...halte.title, uk: 'Ясла' };
    });
    expect(selectionOf(planBuild(base, after)).fiches).toEqual([idOf('halte-garderie-insertion')]);
  });

  it('a structure or a need edited: the fiches that name it', () => {
    const structure = edit((snapshot) => {
      const caf = snapshot.structures.find((entry) => (entry as { slug?: string }).slug === 'caf');
      Object.assign(caf ?? {}, { acronym: 'Caf' });
    });
    expect(selectionOf(planBuild(base, structure))).toEqual({ fiches: [idOf('halte-garderie-insertion')], departements: ['38'] });
  });

  it.each([
    ['renamed', (theme: Snapshot['themes'][number]) => Object.assign(theme, { name: { fr: 'Autre nom' } })],
    ['moved', (theme: Snapshot['themes'][number]) => Object.assign(theme, { slug: 'autre' })],
    ['reordered', (theme: Snapshot['themes'][number]) => Object.assign(theme, { order: 99 })],
  ])('a theme %s: a full build, saying why (every page heads its feed)', (_name, change) => {
    const plan = planBuild(
      base,
      edit((snapshot) => change(snapshot.themes[0] as Snapshot['themes'][number])),
    );
    expect(plan.kind).toBe('full');
    expect(plan.why).toMatch(/thème/);
    const added = planBuild(
      base,
      edit((snapshot) => snapshot.themes.push({ ...(snapshot.themes[0] as Snapshot['themes'][number]), id: 'new-theme' })),
    );
    expect(added.kind).toBe('full');
  });

  it('a theme’s description or icon edited: incremental, no fiche touched (homes and theme pages always render)', () => {
    const after = edit((snapshot) =>
      Object.assign(snapshot.themes[0] ?? {}, { description: { fr: 'Autre description' }, icon: 'fr-icon-heart-line' }),
    );
    expect(selectionOf(planBuild(base, after))).toEqual({ fiches: [], departements: [] });
  });

  it('a media (a structure’s logo) replaced: the fiches of the structures showing it', () => {
    const logo = base.structures.find((entry) => (entry as { slug?: string }).slug === 'maison-des-familles') as {
      logo?: string;
    };
    const after = edit((snapshot) => {
      const media = snapshot.media.find((entry) => entry.id === logo.logo);
      Object.assign(media ?? {}, { updatedAt: '2026-12-01T00:00:00.000Z' });
    });
    expect(selectionOf(planBuild(base, after))).toEqual({ fiches: [idOf('halte-garderie-insertion')], departements: ['38'] });
  });

  it('a media replaced by an image the size of another: a full build (identical images share one file)', () => {
    const after = edit((snapshot) => {
      const [first, second] = snapshot.media;
      Object.assign(first ?? {}, { filesize: second?.filesize, updatedAt: '2026-12-01T00:00:00.000Z' });
    });
    const plan = planBuild(base, after);
    expect(plan.kind).toBe('full');
    expect(plan.why).toMatch(/média/);
  });
});

describe('keepFile', () => {
  const kept = new Set(['fr/demarches/carte-vitale/', 'f/ezd264/']);
  it.each([
    ['_astro/searchApp.DPKR3Lpt.js', false],
    ['_astro/site.Dyc4bNyxth.css', false],
    ['og/fr-fiche.png', true],
    ['icons/icon-192.png', true],
    ['ar/manifest.webmanifest', true],
    ['fr/demarches/carte-vitale/index.html', true],
    ['fr/demarches/carte-vitale/qr.svg', true],
    ['en/demarches/carte-vitale/index.html', false],
    ['f/ezd264/index.html', true],
    ['fr/departements/38/index.html', true],
    ['fr/departements/31/index.html', false],
    ['fr/departements/index.html', false],
    ['fr/index.html', false],
    ['sitemap-fr.xml', false],
    ['sw.js', false],
    ['pagefind/pagefind-entry.json', false],
    ['deploy.json', false],
    ['_headers', false],
  ])('%s → %s', (file, expected) => {
    expect(keepFile(file, kept, ['31'])).toBe(expected);
  });
});

describe('changedIds', () => {
  it('names added, removed and changed documents', () => {
    expect(
      [
        ...changedIds(
          [{ id: 'a' }, { id: 'b' }, { id: 'c', x: 1 } as { id: string }],
          [{ id: 'a' }, { id: 'c', x: 2 } as { id: string }, { id: 'd' }],
        ),
      ].sort(),
    ).toEqual(['b', 'c', 'd']);
  });

  it('does not count the same content written with its keys in another order', () => {
    const before = [{ id: 'a', translationStatus: { ar: 'validated', en: 'validated' }, how: [{ t: 1 }, { t: 2 }] }];
    const reordered = [{ how: [{ t: 1 }, { t: 2 }], translationStatus: { en: 'validated', ar: 'validated' }, id: 'a' }];
    expect([...changedIds(before, reordered)]).toEqual([]);
    // The order of a list is content: swapped items are a change.
    const swapped = [{ ...before[0]!, how: [{ t: 2 }, { t: 1 }] }];
    expect([...changedIds(before, swapped)]).toEqual(['a']);
  });
});

describe('mergeDeploy and codeVersion', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'passerelle-incremental-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('links kept files, moves rendered ones over them, and never writes into the live deploy', async () => {
    const live = path.join(root, 'live');
    const rendered = path.join(root, 'rendered');
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    };
    await write(path.join(live, 'keep/a.txt'), 'live a');
    await write(path.join(live, 'keep/b.txt'), 'live b');
    await write(path.join(live, 'drop/c.txt'), 'live c');
    await write(path.join(rendered, 'keep/b.txt'), 'new b');
    await write(path.join(rendered, 'new/d.txt'), 'new d');
    const out = path.join(root, 'out');
    const merged = await mergeDeploy({
      liveDir: live,
      partialDir: rendered,
      outDir: out,
      keep: (file) => file.startsWith('keep/'),
    });
    expect(merged).toMatchObject({ linked: 2, rendered: 2 });
    expect([...merged.linkedFiles].sort()).toEqual(['keep/a.txt', 'keep/b.txt']);
    // What relinkUnchanged then looks at: the files moved in.
    expect([...merged.renderedFiles].sort()).toEqual(['keep/b.txt', 'new/d.txt']);
    expect((await stat(path.join(out, 'keep/a.txt'))).ino).toBe((await stat(path.join(live, 'keep/a.txt'))).ino);
    expect(await readFile(path.join(out, 'keep/b.txt'), 'utf8')).toBe('new b');
    expect(await readFile(path.join(live, 'keep/b.txt'), 'utf8')).toBe('live b');
    expect(await readFile(path.join(out, 'new/d.txt'), 'utf8')).toBe('new d');
    await expect(stat(path.join(out, 'drop/c.txt'))).rejects.toThrow();
  });

  it('links the files made again with the live bytes to the live ones, and only those', async () => {
    const live = path.join(root, 'relink-live');
    const out = path.join(root, 'relink-out');
    for (const [dir, files] of [
      [live, { 'same.svg': 'qr', 'changed.html': 'old', 'gone.txt': 'x' }],
      [out, { 'same.svg': 'qr', 'changed.html': 'new', 'added.txt': 'y' }],
    ] as const) {
      await mkdir(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    }
    expect(await relinkUnchanged(out, live)).toBe(1);
    expect((await stat(path.join(out, 'same.svg'))).ino).toBe((await stat(path.join(live, 'same.svg'))).ino);
    expect((await stat(path.join(out, 'changed.html'))).ino).not.toBe((await stat(path.join(live, 'changed.html'))).ino);
    expect(await readFile(path.join(live, 'changed.html'), 'utf8')).toBe('old');
    expect(await readFile(path.join(out, 'added.txt'), 'utf8')).toBe('y');
    // Already linked: nothing to do the second time.
    expect(await relinkUnchanged(out, live)).toBe(0);
    // Given the files the publication made, only those are looked at; a file gone since is skipped.
    await rm(path.join(out, 'same.svg'));
    await writeFile(path.join(out, 'same.svg'), 'qr');
    expect(await relinkUnchanged(out, live, { only: ['changed.html', 'removed.css'] })).toBe(0);
    expect((await stat(path.join(out, 'same.svg'))).nlink).toBe(1);
    expect(await relinkUnchanged(out, live, { only: ['same.svg', 'changed.html', 'same.svg'] })).toBe(1);
    expect((await stat(path.join(out, 'same.svg'))).ino).toBe((await stat(path.join(live, 'same.svg'))).ino);
  });

  it('fingerprints files that exist, the Astro config among them', () => {
    for (const input of codeInputs) expect(existsSync(path.resolve(import.meta.dirname, '../..', input)), input).toBe(true);
  });

  it('changes the code version when a source file changes', async () => {
    const code = path.join(root, 'code');
    await mkdir(path.join(code, 'src'), { recursive: true });
    await writeFile(path.join(code, 'src/a.ts'), 'export const a = 1;');
    const before = await codeVersion(code, ['src']);
    expect(await codeVersion(code, ['src'])).toBe(before);
    await writeFile(path.join(code, 'src/a.ts'), 'export const a = 2;');
    expect(await codeVersion(code, ['src'])).not.toBe(before);
  });
});
