import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseDocuments, sectionKeys } from '@passerelle/content-schemas';

import { guardLeftOutSections, rendersFiche, storedFiche, type RenderSelection } from '../../src/lib/renderOnly';
import { fixtureSnapshotDir } from '../helpers/paths';

const fiches = async () =>
  parseDocuments('fiches', JSON.parse(await readFile(path.join(fixtureSnapshotDir, 'fiches.json'), 'utf8')));

describe('what a partial build stores of a fiche', () => {
  it('keeps a rendered fiche whole and leaves the sections of the others out', async () => {
    const [rendered, other] = await fiches();
    if (!rendered || !other) throw new Error('the fixture needs two fiches');
    const selection: RenderSelection = { fiches: [rendered.id], departements: [] };
    expect(storedFiche(rendered, selection)).toBe(rendered);
    const light = storedFiche(other, selection);
    for (const key of sectionKeys) expect(light).not.toHaveProperty(key);
    const { what: _what, why: _why, how: _how, next: _next, ...rest } = other;
    expect(light).toStrictEqual(rest);
  });

  it('keeps every fiche whole in a full build', async () => {
    for (const fiche of await fiches()) expect(storedFiche(fiche, null)).toBe(fiche);
  });
});

describe('a section left out of a partial build', () => {
  it('fails the build with the fiche and the section when a page reads it', async () => {
    const [rendered, other] = await fiches();
    if (!rendered || !other) throw new Error('the fixture needs two fiches');
    const selection: RenderSelection = { fiches: [rendered.id], departements: 'all' };
    expect(rendersFiche(other, selection)).toBe(false);
    const guarded = guardLeftOutSections(storedFiche(other, selection), selection) as typeof other;
    expect(() => guarded.how).toThrow(new RegExp(`fiches ${other.id} how: not loaded in this partial build`));
    // Lists, feeds and open data copy and serialise fiches: the guard is not a field of its own.
    expect(JSON.parse(JSON.stringify(guarded))).not.toHaveProperty('what');
    expect({ ...guarded }).not.toHaveProperty('next');
    expect(guarded.title).toStrictEqual(other.title);
  });

  it('leaves a rendered fiche as it is', async () => {
    const [rendered] = await fiches();
    if (!rendered) throw new Error('the fixture has no fiche');
    const selection: RenderSelection = { fiches: [rendered.id], departements: [] };
    expect(guardLeftOutSections(rendered, selection).how).toBe(rendered.how);
  });
});
