/**
 * Loads and checks the hand-written seed content in `data/`. The files are ours, but a typo in
 * one of 30 files must fail the seed with the file and path, not create a broken fiche.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

import {
  commitmentPeriods,
  conditions,
  departementCodes,
  documentNeeds,
  durationUnits,
  ficheTypes,
  frenchLevels,
  localeCodes,
  pricePeriods,
  publics,
  publicStatuses,
  structureKinds,
  SlugSchema,
  structureStatuses,
  textLimits,
  themeColors,
  themeIconPattern,
  themeIds,
} from '@passerelle/content-schemas';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

const localeRecord = <T extends z.ZodTypeAny>(value: T) =>
  z.object(Object.fromEntries(localeCodes.map((code) => [code, value])) as Record<(typeof localeCodes)[number], T>);

const departementCode = z.enum(departementCodes);
/** A seed file's key becomes the document's slug: the contract's slug rule. */
const key = SlugSchema;

const SeedTheme = z.object({
  id: z.enum(themeIds),
  color: z.enum(themeColors),
  icon: z.string().regex(themeIconPattern),
  name: localeRecord(z.string().min(1)),
  description: localeRecord(z.string().min(1)),
});

const SeedNeed = z.object({ id: key, theme: z.enum(themeIds), name: localeRecord(z.string().min(1)) });

const SeedStructure = z.object({
  id: key,
  name: z.string().min(1),
  acronym: z.string().nullable(),
  kind: z.enum(structureKinds),
  departements: z.array(departementCode),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().email().nullable(),
  website: z.string().url().nullable(),
  status: z.enum(structureStatuses),
  description: localeRecord(z.string().min(1)),
});

const Section = z.array(z.object({ title: z.string().min(1).max(textLimits.title), body: z.string().min(1) }));

/** A document of the shared list: translated once, in every language. */
const SeedDocument = z.object({ id: key, name: localeRecord(z.string().min(1)) });

/** The texts of a fiche's document row, in one language: a fiche-specific name and/or a note. */
const SeedDocumentText = z.object({ name: z.string().min(1).nullable(), note: z.string().min(1).nullable() });

const SeedTranslation = z.object({
  title: z.string().min(1).max(textLimits.title),
  brandName: z.string().max(textLimits.title).nullable(),
  administrationName: z.string().max(textLimits.title).nullable(),
  summary: z.string().min(1).max(textLimits.summary),
  what: Section,
  why: Section,
  how: Section,
  next: Section,
  documents: z.array(SeedDocumentText).default([]),
});

const SeedFiche = z.object({
  key,
  type: z.enum(ficheTypes),
  primaryTheme: z.enum(themeIds),
  secondaryThemes: z.array(z.enum(themeIds)),
  needs: z.array(key),
  mainStructure: key,
  partnerStructures: z.array(key),
  externalLink: z.string().url().nullable(),
  location: z.union([
    z.object({ scope: z.literal('france') }),
    z.object({ scope: z.literal('online') }),
    z.object({ scope: z.literal('departements'), departements: z.array(departementCode).min(1) }),
  ]),
  publicStatus: z.array(z.enum(publicStatuses)).min(1),
  public: z.array(z.enum(publics)).min(1),
  age: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }).nullable(),
  frenchLevel: z.enum(frenchLevels),
  price: z.union([
    z.object({ free: z.literal(true) }),
    z.object({ free: z.literal(false), amount: z.number().positive(), period: z.enum(pricePeriods) }),
  ]),
  duration: z.object({ value: z.number().positive(), unit: z.enum(durationUnits) }).nullable(),
  conditions: z.array(z.enum(conditions)),
  commitment: z.object({ hours: z.number().positive(), per: z.enum(commitmentPeriods) }).nullable(),
  lastCheckedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Démarches: which document of the shared list (or null: the name is in each translation) and whether always needed. */
  documents: z.array(z.object({ document: key.nullable(), need: z.enum(documentNeeds) })).default([]),
  noDocuments: z.boolean().default(false),
  /** Keys of the démarches that usually come before and after this one. */
  stepsBefore: z.array(key).default([]),
  stepsAfter: z.array(key).default([]),
  translations: z.object({ fr: SeedTranslation }).catchall(SeedTranslation),
});

export type SeedTheme = z.infer<typeof SeedTheme>;
export type SeedNeed = z.infer<typeof SeedNeed>;
export type SeedStructure = z.infer<typeof SeedStructure>;
export type SeedFiche = z.infer<typeof SeedFiche>;
export type SeedTranslation = z.infer<typeof SeedTranslation>;
export type SeedDocument = z.infer<typeof SeedDocument>;

export type SeedData = {
  themes: SeedTheme[];
  needs: SeedNeed[];
  structures: SeedStructure[];
  fiches: SeedFiche[];
  /** The shared list of documents; optional so seed-shaped content made elsewhere may leave it out. */
  documents?: SeedDocument[];
};

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, file: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
  throw new Error(`Invalid seed data in ${path.relative(process.cwd(), file)}:\n${issues}`);
}

export function loadSeedData(dir = dataDir): SeedData {
  const themes = parse(z.array(SeedTheme), readJson(path.join(dir, 'themes.json')), path.join(dir, 'themes.json'));
  const needs = parse(z.array(SeedNeed), readJson(path.join(dir, 'needs.json')), path.join(dir, 'needs.json'));
  const structures = parse(
    z.array(SeedStructure),
    readJson(path.join(dir, 'structures.json')),
    path.join(dir, 'structures.json'),
  );
  const documents = parse(z.array(SeedDocument), readJson(path.join(dir, 'documents.json')), path.join(dir, 'documents.json'));
  const ficheDir = path.join(dir, 'fiches');
  const fiches = readdirSync(ficheDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => parse(SeedFiche, readJson(path.join(ficheDir, name)), path.join(ficheDir, name)));

  checkReferences({ themes, needs, structures, fiches, documents });
  return { themes, needs, structures, fiches, documents };
}

/**
 * Checks seed-shaped content made elsewhere (the bench's synthetic corpus) exactly as the files
 * are checked: same schemas, same cross-references. Throws with the fiche key and path.
 */
export function checkSeedData(data: SeedData): SeedData {
  const checked = {
    themes: parse(z.array(SeedTheme), data.themes, 'themes'),
    needs: parse(z.array(SeedNeed), data.needs, 'needs'),
    structures: parse(z.array(SeedStructure), data.structures, 'structures'),
    fiches: data.fiches.map((fiche) => parse(SeedFiche, fiche, `fiche ${fiche.key}`)),
    ...(data.documents ? { documents: parse(z.array(SeedDocument), data.documents, 'documents') } : {}),
  };
  checkReferences(checked);
  return checked;
}

/** Cross-file references: every id a fiche names must exist, every key must match its file. */
function checkReferences({ needs, structures, fiches, documents = [] }: SeedData): void {
  const documentIds = new Set(documents.map((document) => document.id));
  const ficheTypes = new Map(fiches.map((fiche) => [fiche.key, fiche.type]));
  const needIds = new Set(needs.map((need) => need.id));
  const structureIds = new Set(structures.map((structure) => structure.id));
  const ficheKeys = new Set(fiches.map((fiche) => fiche.key));
  const problems: string[] = [];
  for (const fiche of fiches) {
    for (const need of fiche.needs) if (!needIds.has(need)) problems.push(`${fiche.key}: unknown need "${need}"`);
    for (const structure of [fiche.mainStructure, ...fiche.partnerStructures]) {
      if (!structureIds.has(structure)) problems.push(`${fiche.key}: unknown structure "${structure}"`);
    }
    for (const [index, row] of fiche.documents.entries()) {
      if (row.document && !documentIds.has(row.document)) problems.push(`${fiche.key}: unknown document "${row.document}"`);
      if (!row.document && !fiche.translations.fr.documents[index]?.name)
        problems.push(`${fiche.key}: document ${index} has neither a shared document nor a French name`);
    }
    for (const step of [...fiche.stepsBefore, ...fiche.stepsAfter]) {
      if (ficheTypes.get(step) !== 'demarche') problems.push(`${fiche.key}: step "${step}" is not a démarche of the seed`);
    }
    for (const [locale, translation] of Object.entries(fiche.translations)) {
      if (!(localeCodes as readonly string[]).includes(locale)) problems.push(`${fiche.key}: unknown language "${locale}"`);
      if (translation.documents.length !== fiche.documents.length) {
        problems.push(
          `${fiche.key} (${locale}): ${translation.documents.length} document texts for ${fiche.documents.length} documents`,
        );
      }
      const bodies = [...translation.what, ...translation.why, ...translation.how, ...translation.next].map((item) => item.body);
      for (const body of bodies) {
        for (const [, target] of body.matchAll(/\]\(fiche:([^)]+)\)/g)) {
          if (target && !ficheKeys.has(target)) problems.push(`${fiche.key} (${locale}): link to unknown fiche "${target}"`);
        }
      }
    }
  }
  if (problems.length > 0) throw new Error(`Invalid seed data:\n  ${problems.join('\n  ')}`);
}

/** A seed fiche's infocards as the CMS stores them: the seed and the bench's snapshot both use this. */
export function infocardsOf(fiche: SeedFiche) {
  const { location, price } = fiche;
  return {
    location: { scope: location.scope, departements: location.scope === 'departements' ? location.departements : [] },
    publicStatus: fiche.publicStatus,
    public: fiche.public,
    age: { min: fiche.age?.min ?? null, max: fiche.age?.max ?? null },
    frenchLevel: fiche.frenchLevel,
    price: price.free ? { free: true as const } : { free: false as const, amount: price.amount, period: price.period },
    duration: { value: fiche.duration?.value ?? null, unit: fiche.duration?.unit ?? null },
    conditions: fiche.conditions,
    commitment: { hours: fiche.commitment?.hours ?? null, per: fiche.commitment?.per ?? null },
  };
}
