import { describe, expect, it } from 'vitest';

import { localeCodes } from '@passerelle/content-schemas';
import { checkSeedData, loadSeedData } from '@passerelle/cms/seed';

import { describeCorpus, generateCorpus, randomGenerator } from '../src/bench/corpus';

const seedData = loadSeedData();
const corpus = generateCorpus(seedData, { fiches: 300, randomSeed: 7 });

describe('generateCorpus', () => {
  it('makes exactly the number of fiches asked for, with unique keys', () => {
    expect(corpus.fiches).toHaveLength(300);
    expect(new Set(corpus.fiches.map((fiche) => fiche.key)).size).toBe(300);
    expect(generateCorpus(seedData, { fiches: 7 }).fiches).toHaveLength(7);
  });

  it('passes the seed schemas and cross-reference checks, like the hand-written seed files', () => {
    expect(() => checkSeedData(corpus)).not.toThrow();
    expect(() => checkSeedData(generateCorpus(seedData, { fiches: 12, randomSeed: 3 }))).not.toThrow();
  });

  it('is the same corpus for the same random seed, and another for another seed', () => {
    expect(generateCorpus(seedData, { fiches: 300, randomSeed: 7 })).toEqual(corpus);
    expect(generateCorpus(seedData, { fiches: 300, randomSeed: 8 })).not.toEqual(corpus);
  });

  it('mixes both types, every theme of the seed and many départements', () => {
    const description = describeCorpus(corpus);
    expect(Object.keys(description.byType).sort()).toEqual(['demarche', 'dispositif']);
    expect(Object.keys(description.byTheme).sort()).toEqual(
      [...new Set(seedData.fiches.map((fiche) => fiche.primaryTheme))].sort(),
    );
    expect(description.departements).toBeGreaterThan(60);
  });

  it('translates most fiches into all 8 languages and leaves some in French only', () => {
    const variants = corpus.fiches.slice(seedData.fiches.length);
    const languages = variants.map((fiche) => Object.keys(fiche.translations).length);
    const complete = languages.filter((count) => count === localeCodes.length).length;
    expect(complete / variants.length).toBeGreaterThan(0.6);
    expect(languages.filter((count) => count === 1).length).toBeGreaterThan(0);
    expect(Object.keys(describeCorpus(corpus).translationsByLocale).sort()).toEqual([...localeCodes].sort());
  });

  it('keeps translations parallel: the same keys and item counts as the French', () => {
    for (const fiche of corpus.fiches) {
      const french = fiche.translations.fr;
      for (const translation of Object.values(fiche.translations)) {
        for (const section of ['what', 'why', 'how', 'next'] as const)
          expect(translation[section]).toHaveLength(french[section].length);
      }
    }
  });

  it('writes each language in its own script, built from the seed sentences', () => {
    const seedBodies = new Set(
      seedData.fiches.flatMap((fiche) =>
        Object.values(fiche.translations).flatMap((translation) => translation.how.map((item) => item.title)),
      ),
    );
    const variant = corpus.fiches.find((fiche, index) => index >= seedData.fiches.length && fiche.translations.ar);
    expect(variant?.translations.ar?.title).toMatch(/[\u0600-\u06ff]/);
    expect(variant?.translations.ru?.summary ?? 'Кириллица').toMatch(/[\u0400-\u04ff]/);
    for (const item of variant?.translations.fr.how ?? []) expect(seedBodies).toContain(item.title);
  });

  it('keeps lengths like the seed: summaries within 280 characters, bodies of seed length', () => {
    const length = (fiches: typeof corpus.fiches) =>
      fiches.flatMap((fiche) => fiche.translations.fr.how.map((item) => item.body.length)).reduce((a, b) => a + b, 0) /
      fiches.flatMap((fiche) => fiche.translations.fr.how).length;
    expect(corpus.fiches.every((fiche) => Object.values(fiche.translations).every((t) => t.summary.length <= 280))).toBe(true);
    expect(length(corpus.fiches) / length(seedData.fiches)).toBeGreaterThan(0.7);
    expect(length(corpus.fiches) / length(seedData.fiches)).toBeLessThan(1.3);
  });

  it('turns links to fiches left out of a small corpus into plain text', () => {
    const small = generateCorpus(seedData, { fiches: 5 });
    const keys = new Set(small.fiches.map((fiche) => fiche.key));
    const targets = small.fiches.flatMap((fiche) =>
      Object.values(fiche.translations).flatMap((translation) =>
        [...translation.what, ...translation.how, ...translation.next, ...translation.why].flatMap((item) =>
          [...item.body.matchAll(/\(fiche:([^)]+)\)/g)].map((match) => match[1]),
        ),
      ),
    );
    for (const target of targets) expect(keys).toContain(target);
  });

  it('refuses a corpus of no fiches', () => {
    expect(() => generateCorpus(seedData, { fiches: 0 })).toThrow(/positive whole number/);
  });
});

describe('randomGenerator', () => {
  it('gives the same numbers in [0, 1) for the same seed', () => {
    const a = randomGenerator(42);
    const b = randomGenerator(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
