/**
 * The bench's synthetic corpus: N fiches shaped like the seed, made only from the seed's own
 * sentences (written by the team), so lengths, structure, scripts and markup stay those of real
 * fiches. Deterministic for a given random seed.
 *
 * - The first 30 fiches are the seed fiches themselves (their links, languages and scopes).
 * - Each later fiche is a local variant of one seed fiche: same type, themes, needs and
 *   structure, one to three départements, its title followed by the département's name, and
 *   each section item borrowed from a seed fiche that has that item — in every language from
 *   the same source when it has that language, so translations stay parallel.
 * - Languages: most variants are translated into all 8 languages, some into a few, a few are
 *   French only (the site then shows French fallbacks, as it does for the seed).
 */
import { departements, localeCodes, translationLocales, type DepartementCode, type Locale } from '@passerelle/content-schemas';
import type { SeedData, SeedFiche, SeedTranslation } from '@passerelle/cms/seed';

export type CorpusOptions = { fiches: number; randomSeed?: number };

type SectionKey = 'what' | 'why' | 'how' | 'next';
const sectionKeys: SectionKey[] = ['what', 'why', 'how', 'next'];
const otherLocales = translationLocales;

/** Shares of variants by translation coverage; the seed itself has 6 to 8 languages per fiche. */
export const coverageShares = { allLanguages: 0.75, someLanguages: 0.2, frenchOnly: 0.05 } as const;

/** mulberry32: a tiny, well-known 32-bit generator; enough for picking, reproducible everywhere. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateCorpus(seedData: SeedData, { fiches: count, randomSeed = 20_261_127 }: CorpusOptions): SeedData {
  if (!Number.isInteger(count) || count < 1) throw new Error(`the corpus needs a positive whole number of fiches (got ${count})`);
  const random = randomGenerator(randomSeed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  const bases = [...seedData.fiches].sort((a, b) => a.key.localeCompare(b.key));
  const fiches: SeedFiche[] = [];
  for (let index = 0; index < count; index += 1) {
    const base = bases[index % bases.length] as SeedFiche;
    const round = Math.floor(index / bases.length);
    fiches.push(round === 0 ? structuredClone(base) : variantOf(base, round, bases, random, pick));
  }
  const keys = new Set(fiches.map((fiche) => fiche.key));
  // Links to seed fiches left out of a small corpus become plain text.
  for (const fiche of fiches) {
    for (const translation of Object.values(fiche.translations)) {
      for (const section of sectionKeys) {
        for (const item of translation[section]) {
          item.body = item.body.replace(/\[([^\]]+)\]\(fiche:([^)]+)\)/g, (link, label: string, key: string) =>
            keys.has(key) ? link : label,
          );
        }
      }
    }
  }
  // « Avant / après » links to seed fiches left out of a small corpus are dropped likewise.
  for (const fiche of fiches) {
    fiche.stepsBefore = fiche.stepsBefore.filter((key) => keys.has(key));
    fiche.stepsAfter = fiche.stepsAfter.filter((key) => keys.has(key));
  }
  return {
    themes: seedData.themes,
    needs: seedData.needs,
    structures: seedData.structures,
    documents: seedData.documents,
    fiches,
  };
}

function variantOf(
  base: SeedFiche,
  round: number,
  bases: readonly SeedFiche[],
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
): SeedFiche {
  const places = new Set<DepartementCode>();
  const wanted = 1 + Math.floor(random() * 3);
  while (places.size < wanted) places.add(pick(departements).code);
  const codes = [...places];
  const place = departements.find((departement) => departement.code === codes[0])?.name ?? '';

  const roll = random();
  const languages: Locale[] =
    roll < coverageShares.allLanguages
      ? [...localeCodes]
      : roll < coverageShares.allLanguages + coverageShares.someLanguages
        ? ['fr', ...otherLocales.filter(() => random() < 0.6)]
        : ['fr'];

  // Where each section item comes from: a random seed fiche of the same type that has it.
  const sameType = bases.filter((fiche) => fiche.type === base.type);
  const sourcesOf = (section: SectionKey, position: number): SeedFiche[] => {
    const candidates = sameType.filter((fiche) => fiche.translations.fr[section].length > position);
    const first = pick(candidates);
    return [first, base, ...candidates.filter((fiche) => fiche !== first && fiche !== base)];
  };
  const plan = Object.fromEntries(
    sectionKeys.map((section) => [section, base.translations.fr[section].map((_, position) => sourcesOf(section, position))]),
  ) as Record<SectionKey, SeedFiche[][]>;

  const translations: Record<string, SeedTranslation> = {};
  for (const locale of languages) {
    const head = [base, ...sameType].find((fiche) => fiche.translations[locale]) ?? base;
    const own = head.translations[locale] ?? base.translations.fr;
    const sections = Object.fromEntries(
      sectionKeys.map((section) => [
        section,
        plan[section].map((sources, position) => {
          const source = sources.find((fiche) => fiche.translations[locale]?.[section][position]);
          const item = source?.translations[locale]?.[section][position] ?? base.translations.fr[section][position];
          if (!item) throw new Error(`${base.key}: no ${section} item ${position} in any fiche`);
          return { ...item };
        }),
      ]),
    ) as Pick<SeedTranslation, SectionKey>;
    translations[locale] = {
      title: `${own.title} — ${place}`,
      brandName: own.brandName,
      administrationName: own.administrationName,
      summary: own.summary,
      ...sections,
      // The base's documents, with their texts where it has the language (else French is shown).
      documents: base.translations[locale]?.documents ?? base.documents.map(() => ({ name: null, note: null })),
    };
  }

  const month = 1 + Math.floor(random() * 10);
  const day = 1 + Math.floor(random() * 28);
  return {
    ...structuredClone(base),
    key: `${base.key}-${round}`,
    location: { scope: 'departements', departements: codes },
    lastCheckedAt: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    translations: translations as SeedFiche['translations'],
  };
}

/** Counts that describe a corpus, printed by the bench and checked by the tests. */
export function describeCorpus(corpus: SeedData): {
  fiches: number;
  byType: Record<string, number>;
  byTheme: Record<string, number>;
  departements: number;
  translationsByLocale: Record<string, number>;
  pages: number;
} {
  const count = (values: string[]) =>
    values.reduce<Record<string, number>>((totals, value) => ({ ...totals, [value]: (totals[value] ?? 0) + 1 }), {});
  const codes = new Set(
    corpus.fiches.flatMap((fiche) => (fiche.location.scope === 'departements' ? fiche.location.departements : [])),
  );
  return {
    fiches: corpus.fiches.length,
    byType: count(corpus.fiches.map((fiche) => fiche.type)),
    byTheme: count(corpus.fiches.map((fiche) => fiche.primaryTheme)),
    departements: codes.size,
    translationsByLocale: count(corpus.fiches.flatMap((fiche) => Object.keys(fiche.translations))),
    // Every fiche has a page in every language (French fallback where untranslated).
    pages: corpus.fiches.length * localeCodes.length,
  };
}
