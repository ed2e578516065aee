import type { PayloadRequest } from 'payload';
import { ValidationError } from 'payload';

import {
  directionOf,
  isLocale,
  itemListKeys,
  textUnitKeys,
  type ItemListKey,
  type Locale,
  type TextUnitKey,
  type UnitKey,
} from '@passerelle/content-schemas';

import { canAskMachineDraft } from '../../access/canAskMachineDraft';
import type { Translation } from '../../payload-types';
import { latestFrenchOf } from '../frenchOf';
import { recordsOf } from '../records';
import { unitLabel } from '../unitLabel';
import { unitStates } from '../unitStates';
import { translatableContentOf, unitsOf, type TranslatableContent } from '../units';
import { budgetOf, formatCount, languageInFrench, recordUsage, refusalOf } from './budget';
import { machineProvider } from './config';
import { MachineTranslationError, type GlossaryContext, type GlossaryEntry, type MachineProvider } from './provider';
import { escapeMarkup } from '../../utilities/escapeMarkup';
import { htmlToLexical, htmlToPlainText, lexicalToHtml, type LinkFields } from './richTextHtml';

/** What a draft did: the units written, the characters counted, the budget left. */
export type DraftResult = { units: UnitKey[]; characters: number; provider: string; message: string };

type SectionItem = { title?: string | null; body?: unknown };
type DocumentItem = { name?: string | null; note?: string | null };

/** One unit's French as the provider receives it: HTML pieces, and how to put the answers back. */
type Job = { key: UnitKey; html: string[]; characters: number; apply: (answers: string[], data: Partial<Translation>) => void };

/**
 * Asks the configured machine translator for a draft of one unit, or of every unit not translated
 * yet (`unit` omitted), and saves it as the signed-in user's proposal, marked « machine » unit
 * by unit. The provider is asked only after every check passed (rights, provider, language,
 * budget); the proposal is saved only after it answered; so a refusal or failure changes nothing.
 */
export async function machineDraft(
  req: PayloadRequest,
  translationId: string,
  unit: UnitKey | undefined,
  provider: MachineProvider | null = machineProvider(),
): Promise<DraftResult> {
  const { user } = req;
  if (!user) throw new MachineTranslationError('Connectez-vous pour demander un brouillon de traduction automatique.', 401);
  let translation: Translation;
  try {
    translation = await req.payload.findByID({
      collection: 'translations',
      id: translationId,
      depth: 0,
      overrideAccess: false,
      user,
      req,
    });
  } catch {
    throw new MachineTranslationError('Cette traduction n’existe pas ou ne vous est pas accessible.', 404);
  }
  const language = translation.language;
  if (!isLocale(language)) throw new MachineTranslationError('Langue inconnue.', 400);
  if (!canAskMachineDraft(user, language)) {
    throw new MachineTranslationError(
      `Seuls les traducteurs de ${languageInFrench(language)}, ses traducteurs experts et les administrateurs peuvent demander un brouillon automatique.`,
      403,
    );
  }
  if (!provider) {
    throw new MachineTranslationError(
      'La traduction automatique n’est pas activée sur ce serveur : un administrateur doit configurer DeepL ou LibreTranslate (voir « Traduction automatique »).',
      503,
    );
  }
  if (!(await provider.supports(language)))
    throw new MachineTranslationError(`${provider.label} ne traduit pas du français vers ${languageInFrench(language)}.`, 400);

  const french = translatableContentOf(
    await latestFrenchOf(typeof translation.fiche === 'object' ? translation.fiche.id : translation.fiche, req),
  );
  const frenchUnits = unitsOf(french);
  let keys: UnitKey[];
  if (unit) {
    if (!frenchUnits.has(unit)) throw new MachineTranslationError('Cet élément n’existe pas dans la fiche française.', 400);
    keys = [unit];
  } else {
    // The whole fiche: what has no translation yet. Text a translator wrote (or a validated
    // text whose French changed) is never replaced in bulk; one unit at a time, on request.
    const states = unitStates({
      french: frenchUnits,
      translation: unitsOf(translatableContentOf(translation)),
      records: recordsOf(translation.units),
      status: translation.status,
    });
    keys = [...frenchUnits.keys()].filter((key) => states.get(key) === 'missing');
    if (keys.length === 0)
      throw new MachineTranslationError('Tous les éléments ont déjà un texte : demandez un brouillon élément par élément.', 400);
  }
  keys = inOrder(keys);
  checkItemOrder(translation, keys, new Set(frenchUnits.keys()));

  const jobs = keys.map((key) => jobOf(french, translation, key, language, frenchUnits.get(key)?.text.length ?? 0));
  const characters = jobs.reduce((sum, job) => sum + job.characters, 0);
  const refusal = refusalOf(language, await budgetOf(req.payload, language, new Date(), req), characters);
  if (refusal) throw new MachineTranslationError(refusal, 429);

  const html = jobs.flatMap((job) => job.html);
  const answer = await provider.translate({
    html,
    language,
    glossary: provider.id === 'deepl' ? await glossaryOf(req, language) : undefined,
  });
  if (answer.html.length !== html.length)
    throw new MachineTranslationError(`${provider.label} a répondu de façon inattendue. Rien n’a été modifié.`, 502);
  // Sent is spent, even if the save below is refused.
  await recordUsage(req.payload, language, characters);

  const data: Partial<Translation> = {};
  let position = 0;
  for (const job of jobs) {
    job.apply(answer.html.slice(position, position + job.html.length), data);
    position += job.html.length;
  }
  req.context.proposalOrigin = Object.fromEntries(keys.map((key) => [key, 'machine']));
  req.context.proposalProvider = provider.label;
  try {
    await req.payload.update({
      collection: 'translations',
      id: translation.id,
      // A proposal, never a validation: a validated translation goes back to « En cours ».
      data: {
        ...data,
        status: translation.status === 'validated' || translation.status === 'notStarted' ? 'inProgress' : translation.status,
      },
      depth: 0,
      overrideAccess: false,
      user,
      req,
    });
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new MachineTranslationError(
        `Le brouillon n’a pas pu être enregistré : ${error.data.errors.map((issue) => issue.message).join(' ')}`,
        400,
      );
    }
    throw error;
  } finally {
    req.context.proposalOrigin = undefined;
    req.context.proposalProvider = undefined;
  }
  const names = keys.length === 1 ? `« ${unitLabel(keys[0]!)} »` : `${keys.length} éléments`;
  return {
    units: keys,
    characters,
    provider: provider.label,
    message: `Brouillon ${provider.label} enregistré pour ${names} (${formatCount(characters)} caractères). C’est une proposition : relisez-la, seul un traducteur expert la valide.`,
  };
}

const order = [...textUnitKeys, ...itemListKeys] as string[];
/** Text units first, then each list's items in order: earlier items are written before later ones. */
function inOrder(keys: UnitKey[]): UnitKey[] {
  const rank = (key: UnitKey) => {
    const [field, index] = key.split('.');
    return order.indexOf(field!) * 10_000 + Number(index ?? 0);
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/**
 * A list's items are written in order: item 3 needs items 1 and 2, already there or drafted now
 * (a row with nothing to translate, such as a shared document without a note, is left empty).
 */
function checkItemOrder(translation: Translation, keys: UnitKey[], frenchUnits: Set<UnitKey>) {
  const drafted = new Set(keys);
  for (const key of keys) {
    const [list, index] = key.split('.') as [ItemListKey, string | undefined];
    if (index === undefined) continue;
    const existing = ((translation as unknown as Record<string, unknown>)[list] as unknown[] | null | undefined)?.length ?? 0;
    for (let previous = existing; previous < Number(index); previous++) {
      const before = `${list}.${previous}` as UnitKey;
      if (frenchUnits.has(before) && !drafted.has(before)) {
        throw new MachineTranslationError(
          `Traduisez d’abord « ${unitLabel(`${list}.${previous}`)} », puis demandez le brouillon de « ${unitLabel(key)} ».`,
          400,
        );
      }
    }
  }
}

function jobOf(french: TranslatableContent, translation: Translation, key: UnitKey, language: Locale, characters: number): Job {
  const [field, index] = key.split('.') as [string, string | undefined];
  if (index === undefined) {
    const text = french[field as TextUnitKey] ?? '';
    return {
      key,
      characters,
      html: [escapeMarkup(text)],
      apply: ([answer = ''], data) => void ((data as Record<string, unknown>)[field] = htmlToPlainText(answer)),
    };
  }
  const position = Number(index);
  if (field === 'documents') {
    const row = (french.documents ?? [])[position] ?? {};
    const parts = (['name', 'note'] as const).filter((part) => row[part]?.trim());
    return {
      key,
      characters,
      html: parts.map((part) => escapeMarkup(row[part] ?? '')),
      apply: (answers, data) => {
        const rows = itemsFor<DocumentItem>(data, translation, 'documents', (item) => ({
          name: item.name ?? null,
          note: item.note ?? null,
        }));
        while (rows.length < position) rows.push({ name: null, note: null });
        rows[position] = {
          name: null,
          note: null,
          ...Object.fromEntries(parts.map((part, at) => [part, htmlToPlainText(answers[at] ?? '')])),
        };
      },
    };
  }
  const item = ((french[field as ItemListKey] ?? []) as SectionItem[])[position] ?? {};
  const { html: body, links } = lexicalToHtml(item.body);
  return {
    key,
    characters,
    html: [escapeMarkup(item.title ?? ''), body],
    apply: ([title = '', translatedBody = ''], data) => {
      const items = itemsFor<SectionItem>(data, translation, field as ItemListKey, ({ title: itemTitle, body: itemBody }) => ({
        title: itemTitle,
        body: itemBody,
      }));
      items[position] = {
        title: htmlToPlainText(title),
        body: htmlToLexical(translatedBody, links as LinkFields[], directionOf(language)),
      };
    },
  };
}

/** The list as it will be saved: taken once from the translation, then each drafted item set in it. */
function itemsFor<T>(data: Partial<Translation>, translation: Translation, list: ItemListKey, copy: (item: T) => T): T[] {
  const record = data as Record<string, unknown>;
  if (!Array.isArray(record[list]))
    record[list] = (((translation as unknown as Record<string, unknown>)[list] ?? []) as T[]).map(copy);
  return record[list] as T[];
}

/** The language's glossary, with where DeepL's copy of it is remembered. */
async function glossaryOf(req: PayloadRequest, language: Locale): Promise<GlossaryContext | undefined> {
  const { docs } = await req.payload.find({
    collection: 'machine-glossaries',
    where: { language: { equals: language } },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  });
  const glossary = docs[0];
  if (!glossary) return undefined;
  const entries: GlossaryEntry[] = (glossary.entries ?? []).flatMap((entry) =>
    entry.source && entry.target ? [{ source: entry.source, target: entry.target }] : [],
  );
  return {
    entries,
    remote: { id: glossary.deeplGlossaryId, hash: glossary.deeplEntriesHash },
    saveRemote: async (remote) => {
      await req.payload.db.updateOne({
        collection: 'machine-glossaries',
        id: glossary.id,
        data: { deeplGlossaryId: remote.id, deeplEntriesHash: remote.hash },
        req,
      });
    },
  };
}
