import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload';
import { ValidationError } from 'payload';

import { languageName, type UnitKey } from '@passerelle/content-schemas';

import { hasRole, languagesOf } from '../../access/roles';
import type { Translation } from '../../payload-types';
import { recordsOf, type UnitRecord, type UnitRecords } from '../records';
import { translatableContentOf, translatableFields, unitsOf, wordCount, type TranslatableContent, type Unit } from '../units';
import { latestFrenchOf } from '../frenchOf';
import { isUnconfirmedMachineDraft } from '../machine/marking';
import { unitLabel } from '../unitLabel';

const idOf = (value: unknown) =>
  value && typeof value === 'object' ? (value as { id: string }).id : (value as string | undefined);

/**
 * The translation workflow, enforced on every save whatever the client:
 * - a translator or expert writes only in their languages (Payload's field access cannot see this);
 * - only an expert of the language validates;
 * - each changed unit records who proposed it and when; a validation records, per unit, the
 *   fingerprint and text of the French it was made from, so later French changes can be detected;
 * - editing validated text sends it back to "in progress" until an expert validates it again.
 */
export const applyWorkflow: CollectionBeforeChangeHook<Translation> = async ({
  data,
  originalDoc,
  operation,
  req,
  collection,
  context,
}) => {
  const reject = (path: string, message: string): never => {
    throw new ValidationError({ collection: collection.slug, id: originalDoc?.id, errors: [{ path, message }], req });
  };
  const language = originalDoc?.language ?? data.language;
  const ficheId = idOf(originalDoc?.fiche ?? data.fiche);
  if (!language || !ficheId) return reject('fiche', 'Une traduction appartient à une fiche et à une langue.');

  if (operation === 'update') {
    if (data.language && data.language !== originalDoc?.language)
      reject('language', 'La langue d’une traduction ne peut pas changer.');
    if (data.fiche && idOf(data.fiche) !== ficheId) reject('fiche', 'Une traduction ne peut pas changer de fiche.');
  }

  const { user } = req;
  if (user && !hasRole(user, 'admin') && !context.translationWorkflow) {
    const mine = languagesOf(user);
    if (!mine.includes(language as never)) {
      reject(
        'language',
        `Vous ne pouvez pas écrire en ${languageName(language)} : vos langues de traduction sont ${mine.map(languageName).join(', ') || 'non définies'}.`,
      );
    }
    if (data.status === 'validated' && originalDoc?.status !== 'validated' && !hasRole(user, 'expertTranslator')) {
      reject('status', 'Seul un traducteur expert de cette langue peut valider une traduction. Choisissez « À relire ».');
    }
  }

  // Internal bookkeeping (outdated flags) only touches `units`.
  if (context.translationBookkeeping) return data;

  // The fiche's French is read once for this save: here, for the progress, for the memory
  // (frenchOf.ts; forgotten as soon as a French save happens in the request).
  if (!req.context.frenchOfImport) req.context.frenchOfImport = new Map();

  const fiche = await frenchOf(ficheId, req);
  data.label = `${fiche.title ?? '(sans titre)'} — ${language}`;
  data.ficheType = fiche.type;

  // A change note belongs to one French publication. When the French has none (never had, or the
  // editor published again without one), a translated note left over is dropped quietly: it is
  // no edit of the translation and must not send a validated one back to review.
  const frenchHasNote = Boolean(fiche.content.changeNote?.trim());
  const current = (content: TranslatableContent) => (frenchHasNote ? content : { ...content, changeNote: null });
  if (!frenchHasNote) data.changeNote = null;

  const before = unitsOf(current(translatableContentOf(originalDoc ?? {})));
  const after = unitsOf(current({ ...translatableContentOf(originalDoc ?? {}), ...pickTranslatable(data) }));
  const records: UnitRecords = structuredClone(recordsOf(originalDoc?.units));
  if (!frenchHasNote) delete records.changeNote;
  const now = new Date().toISOString();
  // A user id (the table in the admin shows the name); no user means the system itself.
  const who = user?.id !== undefined ? String(user.id) : null;

  // Set by the action that wrote the text (memory/proposalEndpoint.ts), for this save only.
  const origins = req.context.proposalOrigin as Partial<Record<UnitKey, UnitRecord['origin']>> | undefined;
  const machineProvider = typeof req.context.proposalProvider === 'string' ? req.context.proposalProvider : null;
  req.context.proposalOrigin = undefined;
  let textChanged = false;
  const proposedNow: UnitKey[] = [];
  for (const [key, unit] of after) {
    if (before.get(key)?.fingerprint !== unit.fingerprint) {
      proposedNow.push(key);
      const origin = origins?.[key] ?? null;
      records[key] = {
        ...records[key],
        proposedBy: who,
        proposedAt: now,
        origin,
        machineProvider: origin === 'machine' ? machineProvider : null,
      };
      textChanged = true;
    }
  }
  for (const key of before.keys()) {
    if (!after.has(key)) {
      delete records[key];
      textChanged = true;
    }
  }

  // The admin sends the whole form, so `data.status` is often just the unchanged value: a
  // validation happens when an expert (or the system) asks for "validated" and either the
  // translation was not validated yet or its text changed in this save.
  const requested = data.status ?? originalDoc?.status ?? 'notStarted';
  const mayValidate = !user || hasRole(user, 'admin', 'expertTranslator') || Boolean(context.translationWorkflow);
  const validating = requested === 'validated' && mayValidate && (originalDoc?.status !== 'validated' || textChanged);
  let status = requested;
  if (requested === 'validated' && textChanged && !mayValidate) status = 'inProgress';
  if (status === 'notStarted' && after.size > 0) status = 'inProgress';

  if (validating) {
    // A machine draft is a proposal: an expert validates it only after confirming, unit by unit,
    // that they read it (or after someone edited it, which clears its origin).
    const unconfirmed = [...after.keys()].filter((key) => isUnconfirmedMachineDraft(records[key]));
    if (unconfirmed.length > 0) {
      reject(
        'status',
        `Brouillon automatique non relu : ${unconfirmed.map((key) => `« ${unitLabel(key)} »`).join(', ')}. Personne ne l’a modifié ; relisez chaque élément et confirmez-le (« Je confirme ce brouillon automatique » dans le texte source) ou corrigez-le, puis validez.`,
      );
    }
    const french = unitsOf(fiche.content);
    for (const key of after.keys()) {
      const source =
        french.get(key) ??
        reject(pathOf(key), 'Cet élément n’existe pas en français : supprimez-le de la traduction avant de valider.');
      records[key] = {
        ...records[key],
        validatedBy: who,
        validatedAt: now,
        fingerprint: source.fingerprint,
        sourceText: source.text,
        outdatedAt: null,
      };
    }
    // Tells the afterChange hook to publish this text on the fiche.
    req.context.publishTranslation = true;
  }

  data.units = records;
  data.status = status;
  if (originalDoc?.id)
    await logWork({
      req,
      translationId: originalDoc.id,
      language,
      before: recordsOf(originalDoc.units),
      after: records,
      french: unitsOf(fiche.content),
      proposedNow,
      now,
    });
  return data;
};

/**
 * Appends this save's work to the word-count log: each unit whose text a person changed, and
 * each unit whose proposal an expert validated for the first time (a later validation of the
 * same text, after an edit elsewhere, pays nobody again). Words are the unit's French words.
 */
async function logWork(args: {
  req: PayloadRequest;
  translationId: string;
  language: string;
  before: UnitRecords;
  after: UnitRecords;
  french: Map<UnitKey, Unit>;
  proposedNow: UnitKey[];
  now: string;
}) {
  const { req, translationId, language, before, after, french, proposedNow, now } = args;
  const events: { kind: 'proposed' | 'validated'; translator: string; unit: UnitKey }[] = [];
  for (const unit of proposedNow) {
    const translator = after[unit]?.proposedBy;
    if (translator) events.push({ kind: 'proposed', translator, unit });
  }
  for (const [unit, record] of Object.entries(after) as [UnitKey, UnitRecord | undefined][]) {
    if (!record?.validatedAt || record.validatedAt === before[unit]?.validatedAt || !record.proposedBy) continue;
    const previous = before[unit]?.validatedAt;
    if (previous && !(record.proposedAt && record.proposedAt > previous)) continue;
    events.push({ kind: 'validated', translator: record.proposedBy, unit });
  }
  for (const event of events) {
    const words = wordCount(french.get(event.unit)?.text ?? '');
    if (words === 0) continue;
    await req.payload.db.create({
      collection: 'translation-work-log',
      data: { ...event, at: now, language, translation: translationId, words },
      req,
    });
  }
}

function pickTranslatable(data: Partial<Translation>): TranslatableContent {
  const content: TranslatableContent = {};
  for (const key of translatableFields) {
    if (key in data) (content as Record<string, unknown>)[key] = data[key];
  }
  return content;
}

/** `how.2` → `how.2.title`: the admin shows the error on that item. */
function pathOf(key: UnitKey): string {
  return key.includes('.') ? `${key}.title` : key;
}

/** The latest French text of the fiche (drafts included: translators work on what is coming). */
async function frenchOf(ficheId: string, req: PayloadRequest) {
  const fiche = await latestFrenchOf(ficheId, req);
  return { title: fiche.title, type: fiche.type, content: translatableContentOf(fiche) };
}
