import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { FicheSchema, StructureSchema } from '@passerelle/content-schemas';

import { writeSiteSnapshot } from '../src/bench/siteSnapshot';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('writeSiteSnapshot', () => {
  it('writes fiches and structures that the site’s contract accepts, every reference resolved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'passerelle-site-snapshot-'));
    dirs.push(dir);
    expect(await writeSiteSnapshot(dir, 24, 5)).toEqual({ fiches: 24, structures: 20 });
    const read = async (name: string) => JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')) as { id: string }[];
    const [fiches, structures, themes, needs] = await Promise.all([
      read('fiches'),
      read('structures'),
      read('themes'),
      read('needs'),
    ]);
    for (const fiche of fiches) FicheSchema.parse(fiche);
    for (const structure of structures) StructureSchema.parse(structure);
    const known = new Set([...structures, ...themes, ...needs].map((row) => row.id));
    for (const fiche of fiches as unknown as {
      primaryTheme: string;
      needs: string[];
      mainStructure: string;
      partnerStructures: string[];
    }[]) {
      for (const id of [fiche.primaryTheme, fiche.mainStructure, ...fiche.needs, ...fiche.partnerStructures])
        expect(known.has(id), id).toBe(true);
    }
    expect(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')).counts.fiches).toBe(24);
  });
});
