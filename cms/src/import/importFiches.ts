/**
 * Bulk import of fiches in the shape of a published snapshot (`fiches.json` of `npm run export`:
 * every language at once, relations as ids), through the Local API and so through the same
 * hooks as the admin: validation and completeness, slug and short id, one Translations document
 * per language, and each translation validated through the workflow, which records who
 * validated what against which French and publishes that language.
 *
 * - A fiche and its translation documents go in together or not at all (one transaction each).
 * - Ids are kept: a run stopped halfway skips, when started again, the fiches already there;
 *   links between fiches (in rich text) keep pointing at the right fiche.
 * - A bad fiche is reported with its position and the field path, in French; the others go on,
 *   or the run stops at the first one with `strict`.
 */
import type { Payload, PayloadRequest, RequestContext } from 'payload';
import { createLocalReq, ValidationError } from 'payload';
import type { ZodIssue } from 'zod';

import { FicheSchema, type Fiche as SnapshotFiche, type Locale } from '@passerelle/content-schemas';

import { inOneTransaction } from '../database/inOneTransaction';
import type { Fiche } from '../payload-types';
import { translationLanguages, type ImportedTranslations } from '../translation/sync';
import { writeImportedLocalesOnCreate } from './importedLocales';

export { collectWhenGrown } from './boundedMemory';

export type ImportProblem = { position: number; slug?: string; path: string; message: string };
export type ImportProgress = { done: number; total: number; imported: number; skipped: number; failed: number };
export type ImportReport = ImportProgress & { problems: ImportProblem[]; stopped: boolean };

/** Themes, needs and structures of the instance the file comes from (its snapshot's other files). */
export type SourceReferences = Partial<Record<'themes' | 'needs' | 'structures' | 'documents', { id: string; slug: string }[]>>;

export type ImportOptions = {
  strict?: boolean;
  references?: SourceReferences;
  onProgress?: (progress: ImportProgress) => void;
  /** Called after each fiche; the CLI uses it to keep native memory bounded (see docs/scale.md). */
  afterFiche?: () => void;
};

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/**
 * Seeds and bulk imports never trigger site rebuilds (one build after the import is enough). An
 * imported fiche keeps its short id: partners' `/f/{shortId}` links must survive a move between
 * instances (requests cannot set `context`, so only this server-side path can keep one).
 */
const context: RequestContext = { skipRebuild: true, keepImportedShortId: true, bulkImport: true };

const label = { themes: 'thème', needs: 'besoin', structures: 'structure', documents: 'document de la liste commune' } as const;

/**
 * A file read one fiche at a time (import/jsonArray.ts): only the fiches of the current chunk are
 * in memory, whatever the size of the file. `total` is for the progress line.
 */
export type FicheStream = { total: number; fiches: AsyncIterable<unknown> };

const isStream = (input: unknown): input is FicheStream =>
  typeof input === 'object' && input !== null && Symbol.asyncIterator in ((input as FicheStream).fiches ?? {});

/** The fiches in chunks of `size`, without holding more than one chunk of a stream. */
async function* chunksOf(fiches: Iterable<unknown> | AsyncIterable<unknown>, size: number): AsyncGenerator<unknown[]> {
  let chunk: unknown[] = [];
  for await (const fiche of fiches) {
    chunk.push(fiche);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export async function importFiches(payload: Payload, input: unknown, options: ImportOptions = {}): Promise<ImportReport> {
  if (!Array.isArray(input) && !isStream(input)) {
    throw new ImportFileError('Le fichier doit contenir une liste de fiches (le fiches.json d’un instantané publié).');
  }
  const total = Array.isArray(input) ? input.length : input.total;
  const report: ImportReport = { done: 0, total, imported: 0, skipped: 0, failed: 0, problems: [], stopped: false };
  const references = await referenceMaps(payload, options.references);
  writeImportedLocalesOnCreate(payload);
  // « Avant / après » links go to fiches already here or imported by this run; links to fiches
  // further down the file are set once every fiche is in (see linkSteps).
  const known = await ficheIds(payload);
  const pendingSteps: { id: string; position: number; slug: string; before: string[]; after: string[] }[] = [];
  const fail = (position: number, slug: string | undefined, path: string, message: string) => {
    report.failed += 1;
    report.problems.push({ position, slug, path, message });
    if (options.strict) report.stopped = true;
  };

  for await (const chunk of chunksOf(Array.isArray(input) ? input : input.fiches, 100)) {
    if (report.stopped) break;
    const start = report.done;
    const present = await existingFiches(payload, chunk);
    for (const [offset, raw] of chunk.entries()) {
      const position = start + offset + 1;
      const parsed = FicheSchema.safeParse(raw);
      const slug = typeof (raw as { slug?: unknown })?.slug === 'string' ? (raw as { slug: string }).slug : undefined;
      if (!parsed.success) {
        const issue = parsed.error.issues[0] as ZodIssue;
        fail(position, slug, issue.path.join('.') || '(fiche)', frenchIssue(issue));
      } else if (present.ids.has(parsed.data.id)) {
        report.skipped += 1;
      } else if (present.slugs.has(parsed.data.slug)) {
        fail(position, slug, 'slug', `l’adresse « ${parsed.data.slug} » est déjà celle d’une autre fiche de ce CMS`);
      } else {
        const mapped = mapReferences(parsed.data, references);
        if ('path' in mapped) {
          fail(position, slug, mapped.path, mapped.message);
        } else {
          try {
            const before = parsed.data.stepsBefore ?? [];
            const after = parsed.data.stepsAfter ?? [];
            const now = {
              ...mapped.data,
              stepsBefore: before.filter((id) => known.has(id)),
              stepsAfter: after.filter((id) => known.has(id)),
            };
            await inFicheTransaction(payload, (req) => insertFiche(payload, parsed.data, now, req));
            known.add(parsed.data.id);
            if (now.stepsBefore.length < before.length || now.stepsAfter.length < after.length) {
              pendingSteps.push({ id: parsed.data.id, position, slug: parsed.data.slug, before, after });
            }
            report.imported += 1;
          } catch (error) {
            const problem = problemOf(error);
            fail(position, slug, problem.path, problem.message);
          }
        }
      }
      report.done += 1;
      options.afterFiche?.();
      options.onProgress?.({
        done: report.done,
        total: report.total,
        imported: report.imported,
        skipped: report.skipped,
        failed: report.failed,
      });
      if (report.stopped) break;
    }
  }
  await linkSteps(payload, pendingSteps, known, (pending, problem) => {
    report.problems.push({ position: pending.position, slug: pending.slug, ...problem });
  });
  return report;
}

async function ficheIds(payload: Payload): Promise<Set<string>> {
  const { docs } = await payload.find({
    collection: 'fiches',
    pagination: false,
    depth: 0,
    draft: true,
    select: { slug: true },
    overrideAccess: true,
  });
  return new Set(docs.map((doc) => String(doc.id)));
}

/** The second pass: links to fiches imported after the one that names them (links to fiches not in this CMS are dropped). */
async function linkSteps(
  payload: Payload,
  pending: { id: string; position: number; slug: string; before: string[]; after: string[] }[],
  known: Set<string>,
  problem: (pending: { position: number; slug: string }, problem: { path: string; message: string }) => void,
): Promise<void> {
  for (const entry of pending) {
    try {
      await payload.update({
        collection: 'fiches',
        id: entry.id,
        data: { stepsBefore: entry.before.filter((id) => known.has(id)), stepsAfter: entry.after.filter((id) => known.has(id)) },
        locale: 'fr',
        depth: 0,
        overrideAccess: true,
        // Links only, on a fiche just imported: no new publication, so its change note stays
        // (stampChangeNote) and its translations are untouched — as the workflow's own writes.
        context: { ...context, translationWorkflow: true },
      });
    } catch (error) {
      problem(entry, problemOf(error));
    }
  }
}

type FicheData = Omit<Partial<Fiche>, 'id'> & { id: string };

async function insertFiche(payload: Payload, source: SnapshotFiche, data: FicheData, req: PayloadRequest): Promise<void> {
  // Each language's text goes in with the fiche's own translation documents, created validated
  // (translation/sync.ts): one write per language instead of an empty document, then its text.
  const importedTranslations: ImportedTranslations = {};
  // A change note belongs to one French publication: without a French one, a translated note is
  // dropped, as the workflow drops it from the translation document (applyWorkflow.ts).
  const frenchHasNote = Boolean(pick(source.changeNote, 'fr')?.trim());
  for (const language of translationLanguages) {
    const content = contentIn(source, language);
    if (content) importedTranslations[language] = (frenchHasNote ? content : { ...content, changeNote: null }) as never;
  }
  req.context = { ...req.context, importedTranslations };
  await payload.create({ collection: 'fiches', data: data as never, locale: 'fr', depth: 0, req });
  const { docs } = await payload.find({
    collection: 'translations',
    where: { fiche: { equals: source.id } },
    pagination: false,
    depth: 0,
    select: { language: true, status: true },
    req,
  });
  for (const language of Object.keys(importedTranslations)) {
    const translation = docs.find((doc) => doc.language === language);
    if (!translation) throw new Error(`la traduction ${language} n’a pas été créée`);
    if (translation.status !== 'validated') throw new Error(`la traduction ${language} n’a pas été validée`);
  }
}

/** One fiche and its translations, all or nothing (database/inOneTransaction.ts). */
async function inFicheTransaction(payload: Payload, work: (req: PayloadRequest) => Promise<void>): Promise<void> {
  // One fiche's French, read again by each language's validation (translation/frenchOf.ts).
  const req = await createLocalReq({ context: { ...context, frenchOfImport: new Map() } }, payload);
  await inOneTransaction(payload, req, () => work(req));
}

const pick = <T>(value: Partial<Record<Locale, T | null>> | null | undefined, locale: Locale): T | null =>
  value?.[locale] ?? null;
const items = (value: Partial<Record<Locale, { title: string; body: unknown }[] | null>> | null | undefined, locale: Locale) =>
  (pick(value, locale) ?? []).map(({ title, body }) => ({ title, body }));

/** The text of one language, or nothing when the fiche has none in it. */
function contentIn(fiche: SnapshotFiche, locale: Locale) {
  const content = {
    title: pick(fiche.title, locale),
    brandName: pick(fiche.brandName, locale),
    administrationName: pick(fiche.administrationName, locale),
    summary: pick(fiche.summary, locale),
    changeNote: pick(fiche.changeNote, locale),
    what: items(fiche.what, locale),
    why: items(fiche.why, locale),
    how: items(fiche.how, locale),
    next: items(fiche.next, locale),
    documents: (pick(fiche.documents, locale) ?? []).map(({ name, note }) => ({ name: name ?? null, note: note ?? null })),
  };
  const hasText = Object.values(content).some((value) => (Array.isArray(value) ? value.length > 0 : Boolean(value)));
  return hasText ? content : undefined;
}

type ReferenceMaps = Record<'themes' | 'needs' | 'structures' | 'documents', (sourceId: string) => string | undefined>;

/** Source ids → ids here: through the slugs of the source's snapshot when given, else ids as they are. */
async function referenceMaps(payload: Payload, source: SourceReferences = {}): Promise<ReferenceMaps> {
  const build = async (collection: 'themes' | 'needs' | 'structures' | 'documents') => {
    const { docs } = await payload.find({
      collection,
      pagination: false,
      depth: 0,
      select: { slug: true },
      overrideAccess: true,
    });
    const bySlug = new Map(docs.map((doc) => [doc.slug as string, doc.id]));
    const ids = new Set(docs.map((doc) => doc.id));
    const sourceSlugs = source[collection] ? new Map(source[collection].map((doc) => [doc.id, doc.slug])) : undefined;
    return (sourceId: string) => {
      if (!sourceSlugs) return ids.has(sourceId) ? sourceId : undefined;
      const slug = sourceSlugs.get(sourceId);
      return slug ? bySlug.get(slug) : undefined;
    };
  };
  return {
    themes: await build('themes'),
    needs: await build('needs'),
    structures: await build('structures'),
    documents: await build('documents'),
  };
}

function mapReferences(fiche: SnapshotFiche, maps: ReferenceMaps): { data: FicheData } | { path: string; message: string } {
  let missing: { path: string; message: string } | undefined;
  const one = (collection: keyof ReferenceMaps, id: string, path: string) => {
    const mapped = maps[collection](id);
    if (!mapped)
      missing ??= { path, message: `${label[collection]} introuvable dans ce CMS (identifiant ${id} dans le fichier)` };
    return mapped ?? id;
  };
  const many = (collection: keyof ReferenceMaps, ids: string[] | null | undefined, path: string) =>
    (ids ?? []).map((id, index) => one(collection, id, `${path}.${index}`));
  const data: FicheData = {
    id: fiche.id,
    type: fiche.type,
    slug: fiche.slug,
    shortId: fiche.shortId,
    title: fiche.title.fr ?? null,
    brandName: pick(fiche.brandName, 'fr'),
    administrationName: pick(fiche.administrationName, 'fr'),
    summary: pick(fiche.summary, 'fr'),
    changeNote: pick(fiche.changeNote, 'fr'),
    what: items(fiche.what, 'fr') as never,
    why: items(fiche.why, 'fr') as never,
    how: items(fiche.how, 'fr') as never,
    next: items(fiche.next, 'fr') as never,
    documents: (pick(fiche.documents, 'fr') ?? []).map((row, index) => ({
      document: row.document ? one('documents', row.document, `documents.${index}.document`) : null,
      need: row.need ?? 'required',
      name: row.name ?? null,
      note: row.note ?? null,
    })),
    noDocuments: fiche.noDocuments ?? false,
    infocards: fiche.infocards as never,
    primaryTheme: one('themes', fiche.primaryTheme, 'primaryTheme'),
    secondaryThemes: many('themes', fiche.secondaryThemes, 'secondaryThemes'),
    needs: many('needs', fiche.needs, 'needs'),
    mainStructure: one('structures', fiche.mainStructure, 'mainStructure'),
    partnerStructures: many('structures', fiche.partnerStructures, 'partnerStructures'),
    externalLink: fiche.externalLink ?? null,
    lastCheckedAt: fiche.lastCheckedAt ?? null,
    // Kept by stampReview on an import: the history and the last real change move with the fiche.
    changedAt: fiche.changedAt ?? null,
    changeHistory: (fiche.changeHistory ?? []).map(({ date, notes }) => ({ date, notes })),
    _status: 'published',
  };
  return missing ?? { data };
}

async function existingFiches(payload: Payload, chunk: unknown[]): Promise<{ ids: Set<string>; slugs: Set<string> }> {
  const field = (name: 'id' | 'slug') =>
    chunk
      .map((raw) => (raw as Record<string, unknown> | null)?.[name])
      .filter((value): value is string => typeof value === 'string');
  const { docs } = await payload.find({
    collection: 'fiches',
    where: { or: [{ id: { in: field('id') } }, { slug: { in: field('slug') } }] },
    pagination: false,
    depth: 0,
    draft: true,
    select: { slug: true },
    overrideAccess: true,
  });
  const ids = new Set(docs.map((doc) => doc.id));
  return { ids, slugs: new Set(docs.map((doc) => doc.slug as string)) };
}

function problemOf(error: unknown): { path: string; message: string } {
  if (error instanceof ValidationError) {
    const first = error.data.errors[0];
    return { path: first?.path ?? '(fiche)', message: first?.message ?? error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { path: '(fiche)', message: `enregistrement refusé : ${message}` };
}

const typeNames: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  boolean: 'vrai ou faux',
  object: 'un objet',
  array: 'une liste',
  undefined: 'rien',
  null: 'null',
};

/** zod speaks English; editors read French. */
export function frenchIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'champ obligatoire manquant'
        : `${typeNames[issue.expected] ?? issue.expected} attendu, ${typeNames[issue.received] ?? issue.received} trouvé`;
    case 'invalid_enum_value':
      return `valeur inconnue « ${String(issue.received)} » ; valeurs possibles : ${issue.options.join(', ')}`;
    case 'invalid_literal':
      return `seule la valeur « ${String(issue.expected)} » est acceptée`;
    case 'too_big':
      return issue.type === 'string'
        ? `trop long : ${String(issue.maximum)} caractères au plus`
        : `trop grand : ${String(issue.maximum)} au plus`;
    case 'too_small':
      return issue.type === 'string' ? 'ne peut pas être vide' : `trop petit : ${String(issue.minimum)} au moins`;
    case 'invalid_string':
      return issue.validation === 'url'
        ? 'adresse web invalide'
        : issue.validation === 'datetime'
          ? 'date invalide (format ISO attendu)'
          : 'texte invalide';
    case 'custom':
      return issue.message === 'a French title is required' ? 'le titre en français est obligatoire' : issue.message;
    default:
      return `valeur invalide (${issue.message})`;
  }
}
