import type { Payload, PayloadRequest } from 'payload';

import { translationLocales, type Locale, type TranslationStatus, type UnitKey } from '@passerelle/content-schemas';

import { keepRequestLocale } from '../utilities/keepRequestLocale';
import type { Translation } from '../payload-types';
import { followMemory } from './memory/store';
import { progressOf, sameProgress } from './progress';
import { recordsOf, type UnitRecords } from './records';
import { unitsOf, type TranslatableContent } from './units';

export const translationLanguages = translationLocales;

/** Internal writes made by the workflow itself; hooks let them through and do not loop. */
export const workflowContext = { translationWorkflow: true };
/** Updates of the per-unit records only (outdated flags): the workflow hook leaves them as they are. */
export const bookkeepingContext = { translationWorkflow: true, translationBookkeeping: true };

/** Every translation document of a fiche, whatever its language or status (indexed by fiche). */
export async function translationsOf(payload: Payload, ficheId: string, req?: PayloadRequest) {
  const { docs } = await payload.find({
    collection: 'translations',
    where: { fiche: { equals: ficheId } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  });
  return docs;
}

/**
 * What a bulk import brings for one fiche (`req.context.importedTranslations`): each language's
 * text, validated as it was on the instance it comes from.
 */
export type ImportedTranslations = Partial<Record<Exclude<Locale, 'fr'>, Partial<Translation>>>;

/**
 * Every fiche has one translation document per language, created empty when the fiche is. A bulk
 * import creates each one with its text at once, asking for « validated »: the workflow hook
 * records the units against the French just saved and publishes the language on the fiche, as an
 * expert's validation does, without first writing an empty document and then the text.
 */
export async function ensureTranslationDocs(
  payload: Payload,
  ficheId: string,
  req?: PayloadRequest,
  french?: TranslatableContent,
  /** The fiche was created in this request: it has no translation document yet, nothing to read. */
  created = false,
): Promise<Translation[]> {
  const imported = (req?.context.importedTranslations ?? {}) as ImportedTranslations;
  const run = async () => {
    const docs = created ? [] : await translationsOf(payload, ficheId, req);
    const existing = new Set(docs.map((doc) => doc.language));
    for (const language of translationLanguages) {
      if (existing.has(language)) continue;
      const text = imported[language];
      docs.push(
        await payload.create({
          collection: 'translations',
          data: text
            ? { ...text, fiche: ficheId, language, status: 'validated' }
            : { fiche: ficheId, language, status: 'notStarted' },
          // Nobody reads relations of what comes back: nothing to populate.
          depth: 0,
          overrideAccess: true,
          context: workflowContext,
          req,
        }),
      );
    }
    return docs;
  };
  // The French just saved, so each new document's progress needs no read of it (translation/progress.ts).
  return req ? keepRequestLocale(req, run, french ? { ...workflowContext, frenchForProgress: french } : workflowContext) : run();
}

/**
 * After a French save of a fiche (draft or publication), in one pass over its translation
 * documents: the labels follow the French title (« Obtenir sa carte Vitale — ar »); on a
 * publication (`outdate`), validated units whose French changed become outdated (dated), and come
 * back to validated if the French is restored — with `minorChange`, units that were up to date
 * keep their validation, their fingerprints moving to the new French; the stored progress
 * (translation/progress.ts) follows; the memory drops or rewrites the pairs of the units that moved.
 *
 * Each document is read once and written once, and only when something moved: one UPDATE of
 * these bookkeeping columns, not a Local API update, which rewrote every text array of the
 * translation, checked its lock, read it back and populated it, then re-read the fiche's French
 * for the progress (a title change published was 11 such updates, ≈ 240 statements). The
 * translation's text, language and fiche are not touched, so the workflow's checks have nothing
 * to say about these writes (they let bookkeeping through already).
 */
export async function followFrench(
  payload: Payload,
  args: {
    ficheId: string;
    french: TranslatableContent;
    title?: string;
    outdate: boolean;
    minorChange: boolean;
    req?: PayloadRequest;
    /** The documents when the caller just read or made them. */
    translations?: Translation[];
  },
): Promise<void> {
  const { ficheId, title, outdate, minorChange, req } = args;
  const current = unitsOf(args.french);
  const now = new Date().toISOString();
  const run = async () => {
    for (const translation of args.translations ?? (await translationsOf(payload, ficheId, req))) {
      const data: Partial<Translation> = {};
      const label = title === undefined ? translation.label : `${title} — ${translation.language}`;
      if (label !== translation.label) data.label = label;
      let records = recordsOf(translation.units);
      if (outdate) {
        const outdated = outdatedRecords(records, current, { minorChange, now });
        if (outdated) data.units = records = outdated;
        const status = statusFollowingUnits(translation.status, records);
        if (status !== translation.status) data.status = status;
      }
      const progress = progressOf(args.french, { ...translation, ...data });
      if (!sameProgress(translation.progress, progress)) data.progress = progress;
      if (Object.keys(data).length === 0) continue;
      // The translators' lists put what moved first; a figure alone is not a change of the document.
      if (data.label !== undefined || data.units !== undefined || data.status !== undefined) data.updatedAt = now;
      await payload.db.updateOne({ collection: 'translations', id: translation.id, data, req, returning: false });
      if (data.units) await followMemory(payload, { ...translation, units: data.units }, translation.units, args.french, req);
    }
  };
  await (req ? keepRequestLocale(req, run, bookkeepingContext) : run());
}

/** The records with outdated flags following the French, or undefined when none moved. */
function outdatedRecords(
  before: UnitRecords,
  current: ReturnType<typeof unitsOf>,
  { minorChange, now }: { minorChange: boolean; now: string },
): UnitRecords | undefined {
  const records: UnitRecords = structuredClone(before);
  let changed = false;
  for (const [key, record] of Object.entries(records) as [UnitKey, NonNullable<UnitRecords[UnitKey]>][]) {
    if (!record.fingerprint) continue;
    const french = current.get(key);
    if (french && french.fingerprint === record.fingerprint) {
      if (record.outdatedAt) {
        record.outdatedAt = null;
        changed = true;
      }
      continue;
    }
    // A minor change keeps up-to-date units up to date; units already outdated stay so.
    if (minorChange && french && !record.outdatedAt) {
      Object.assign(record, { fingerprint: french.fingerprint, sourceText: french.text, outdatedAt: null });
      changed = true;
    } else if (!record.outdatedAt) {
      record.outdatedAt = now;
      changed = true;
    }
  }
  return changed ? records : undefined;
}

/**
 * A translation is « Validée » only while none of its units is outdated: an outdated unit sends
 * it back to « En cours » (its validated text stays online with a notice), and restoring the
 * French brings it back to « Validée » if nothing was proposed since the validation.
 */
export function statusFollowingUnits<S extends string | null | undefined>(
  status: S,
  records: UnitRecords,
): S | 'inProgress' | 'validated' {
  const all = Object.values(records).filter((record) => record !== undefined);
  if (status === 'validated' && all.some((record) => record.outdatedAt)) return 'inProgress';
  const upToDate = (record: (typeof all)[number]) =>
    Boolean(
      record.validatedAt &&
        record.fingerprint &&
        !record.outdatedAt &&
        !(record.proposedAt && record.proposedAt > record.validatedAt),
    );
  if (status === 'inProgress' && all.length > 0 && all.every(upToDate)) return 'validated';
  return status;
}

/**
 * What the public site needs per language: which units carry a validated translation and
 * whether the French moved on since. Derived from the translation documents on every read.
 */
export function publishedTranslationStatus(
  french: TranslatableContent,
  translations: { language: string; units?: unknown }[],
): TranslationStatus {
  const current = unitsOf(french);
  const status: TranslationStatus = {};
  for (const translation of translations) {
    const language = translation.language as Exclude<Locale, 'fr'>;
    const units: NonNullable<TranslationStatus[typeof language]> = {};
    for (const [key, record] of Object.entries(recordsOf(translation.units))) {
      if (!record?.fingerprint || !record.validatedAt || !current.has(key as UnitKey)) continue;
      const outdated = current.get(key as UnitKey)?.fingerprint !== record.fingerprint;
      units[key] = {
        state: outdated ? 'outdated' : 'validated',
        validatedAt: record.validatedAt,
        frenchChangedAt: outdated ? (record.outdatedAt ?? null) : null,
      };
    }
    if (Object.keys(units).length > 0) status[language] = units;
  }
  return status;
}
