/**
 * XLIFF 1.2 exchange with translation agencies. Export: the units to translate of one language,
 * one `<file>` per fiche; a unit is a `<trans-unit>` (a text) or a `<group>` of its parts (a
 * section item's title and body, a document's name and note), its id the fiche id and the unit
 * key (`<fiche>:how.1`, parts `<fiche>:how.1:body`), with the fingerprint of the French it was
 * made from (`passerelle:fingerprint`). Import: every unit is checked first, then the accepted
 * ones are written as proposals in one transaction; a file that cannot be read changes nothing.
 */
import type { Payload, PayloadRequest } from 'payload';
import { createLocalReq } from 'payload';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import {
  directionOf,
  isUnitKey,
  itemListKeys,
  textLimits,
  textUnitKeys,
  translationLocales,
  type TranslationLocale,
  type UnitKey,
} from '@passerelle/content-schemas';

import { inOneTransaction } from '../../database/inOneTransaction';
import { escapeMarkup } from '../../utilities/escapeMarkup';
import type { Translation } from '../../payload-types';
import { documentNoteMaxLength } from '../../fields/documentsField';
import { recordsOf, type UnitRecord } from '../records';
import { textUnitSpecs } from '../translatableFields';
import { unitLabel } from '../unitLabel';
import { unitStates } from '../unitStates';
import { translatableContentOf, unitsOf, type TranslatableContent } from '../units';
import {
  inlineToPlainText,
  inlineToRichText,
  InvalidMarkupError,
  richTextToInline,
  tagOf,
  type OrderedNode,
  type RichTextValue,
} from './inlineMarkup';

export const xliffNamespace = 'urn:passerelle:xliff:1';

type Part = { name: 'text' | 'title' | 'body' | 'name' | 'note'; text?: string; body?: RichTextValue; maxLength?: number };

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: string }).id : String(value));
const isRichText = (value: unknown): value is RichTextValue => Boolean(value && typeof value === 'object' && 'root' in value);

/** The French parts of one unit, in the order they are written. */
function partsOf(french: TranslatableContent, key: UnitKey): Part[] {
  const [list, index] = key.split('.') as [string, string | undefined];
  if (index === undefined) {
    const text = french[key as (typeof textUnitKeys)[number]];
    return text?.trim()
      ? [{ name: 'text', text, maxLength: textUnitSpecs[key as (typeof textUnitKeys)[number]]?.maxLength }]
      : [];
  }
  const item = ((french[list as (typeof itemListKeys)[number]] ?? []) as Record<string, unknown>[])[Number(index)];
  if (!item) return [];
  if (list === 'documents') {
    return (['name', 'note'] as const)
      .filter((name) => typeof item[name] === 'string' && (item[name] as string).trim())
      .map((name) => ({
        name,
        text: item[name] as string,
        maxLength: name === 'name' ? textLimits.title : documentNoteMaxLength,
      }));
  }
  return [
    { name: 'title', text: typeof item.title === 'string' ? item.title : '', maxLength: textLimits.title },
    ...(isRichText(item.body) ? [{ name: 'body' as const, body: item.body }] : []),
  ];
}

// ---------------------------------------------------------------- export

export type ExportScope = { kind: 'toTranslate' } | { kind: 'fiches'; ids: string[] };

type FicheFrench = { id: string; title: string; content: TranslatableContent };

/** The latest French (drafts included) of these fiches, 100 per query. */
async function frenchOfFiches(payload: Payload, ids: string[], req?: PayloadRequest): Promise<Map<string, FicheFrench>> {
  const found = new Map<string, FicheFrench>();
  for (let start = 0; start < ids.length; start += 100) {
    const { docs } = await payload.find({
      collection: 'fiches',
      where: { id: { in: ids.slice(start, start + 100) } },
      locale: 'fr',
      fallbackLocale: false,
      draft: true,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    });
    for (const doc of docs)
      found.set(String(doc.id), {
        id: String(doc.id),
        title: doc.title ?? '',
        content: translatableContentOf(doc as TranslatableContent),
      });
  }
  return found;
}

type TranslationRow = Pick<Translation, 'id' | 'fiche' | 'language' | 'status' | 'units'> & TranslatableContent;

/** One language's translation documents of these fiches, by fiche (the unique fiche + language index), 200 per query. */
async function translationsOf(
  payload: Payload,
  language: string,
  ficheIds: string[],
  req?: PayloadRequest,
): Promise<Map<string, TranslationRow>> {
  const found = new Map<string, TranslationRow>();
  for (let start = 0; start < ficheIds.length; start += 200) {
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { in: ficheIds.slice(start, start + 200) } }, { language: { equals: language } }] },
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    });
    for (const doc of docs) found.set(idOf(doc.fiche), doc as TranslationRow);
  }
  return found;
}

const looksLikeId = (value: string) => /^[0-9a-f-]{24,36}$/i.test(value);

/** Fiches named by id, or by the slug or short id editors see in addresses (unique, indexed columns). */
async function ficheIdsOf(payload: Payload, values: string[], req?: PayloadRequest): Promise<string[]> {
  const ids = new Set(values.filter(looksLikeId));
  const names = [...new Set(values.filter((value) => !looksLikeId(value)))];
  if (names.length > 0) {
    const { docs } = await payload.find({
      collection: 'fiches',
      where: { or: [{ slug: { in: names } }, { shortId: { in: names } }] },
      locale: 'fr',
      draft: true,
      depth: 0,
      pagination: false,
      select: { slug: true },
      overrideAccess: true,
      req,
    });
    for (const doc of docs) ids.add(String(doc.id));
  }
  return [...ids];
}

export type XliffExport = { xml: string; fiches: number; units: number };

/**
 * The XLIFF of one language: every fiche with units to translate (nothing written yet, or
 * validated against a French that changed since: the coverage's « mots à traduire »), or every
 * unit of the chosen fiches (a full translation or a revision by an agency).
 */
export async function exportXliff(
  payload: Payload,
  language: TranslationLocale,
  scope: ExportScope,
  req?: PayloadRequest,
): Promise<XliffExport> {
  let translations: TranslationRow[];
  if (scope.kind === 'fiches') {
    translations = [...(await translationsOf(payload, language, await ficheIdsOf(payload, scope.ids, req), req)).values()];
  } else {
    // The stored figure behind the coverage dashboard, read through its (language, words) index.
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ language: { equals: language } }, { 'progress.wordsToTranslate': { greater_than: 0 } }] },
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
    });
    translations = docs as TranslationRow[];
  }
  const french = await frenchOfFiches(
    payload,
    translations.map((translation) => idOf(translation.fiche)),
    req,
  );
  const files: string[] = [];
  let units = 0;
  const sorted = translations
    .map((translation) => ({ translation, fiche: french.get(idOf(translation.fiche)) }))
    .filter((entry): entry is { translation: TranslationRow; fiche: FicheFrench } => Boolean(entry.fiche))
    .sort((a, b) => a.fiche.title.localeCompare(b.fiche.title, 'fr'));
  for (const { translation, fiche } of sorted) {
    const frenchUnits = unitsOf(fiche.content);
    let keys = [...frenchUnits.keys()];
    if (scope.kind === 'toTranslate') {
      const states = unitStates({
        french: frenchUnits,
        translation: unitsOf(translatableContentOf(translation)),
        records: recordsOf(translation.units),
        status: translation.status,
      });
      keys = keys.filter((key) => states.get(key) === 'missing' || states.get(key) === 'outdated');
    }
    const body = keys.map((key) => unitXml(fiche, key, frenchUnits.get(key)!.fingerprint)).filter(Boolean);
    if (body.length === 0) continue;
    units += body.length;
    files.push(
      `  <file original="fiches/${escapeMarkup(fiche.id)}" source-language="fr" target-language="${language}" datatype="plaintext" product-name="Passerelle">\n` +
        `    <header><note>${escapeMarkup(fiche.title)}</note></header>\n    <body>\n${body.join('\n')}\n    </body>\n  </file>`,
    );
  }
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:passerelle="${xliffNamespace}">\n${files.join('\n')}\n</xliff>\n`;
  return { xml, fiches: files.length, units };
}

function unitXml(fiche: FicheFrench, key: UnitKey, fingerprint: string): string {
  const parts = partsOf(fiche.content, key);
  if (parts.length === 0) return '';
  const id = `${fiche.id}:${key}`;
  const note = `<note>${escapeMarkup(unitLabel(key))}</note>`;
  const source = (part: Part) => (part.body ? richTextToInline(part.body).xml : escapeMarkup(part.text ?? ''));
  const limit = (part: Part) => (part.maxLength ? ` size-unit="char" maxwidth="${part.maxLength}"` : '');
  if (parts.length === 1 && parts[0]!.name === 'text') {
    const part = parts[0]!;
    return `      <trans-unit id="${escapeMarkup(id)}" resname="${key}" passerelle:fingerprint="${fingerprint}"${limit(part)}>\n        <source xml:lang="fr">${source(part)}</source>\n        ${note}\n      </trans-unit>`;
  }
  const inner = parts
    .map(
      (part) =>
        `        <trans-unit id="${escapeMarkup(`${id}:${part.name}`)}" resname="${key}.${part.name}"${limit(part)}>\n          <source xml:lang="fr">${source(part)}</source>\n        </trans-unit>`,
    )
    .join('\n');
  return `      <group id="${escapeMarkup(id)}" resname="${key}" passerelle:fingerprint="${fingerprint}">\n        ${note}\n${inner}\n      </group>`;
}

// ---------------------------------------------------------------- import

export type ImportOutcome = 'imported' | 'unchanged' | 'frenchChanged' | 'invalid';
export type ImportReportRow = {
  id: string;
  fiche: string;
  ficheTitle: string;
  unit: string;
  unitLabel: string;
  outcome: ImportOutcome;
  message: string;
};
export type ImportReport = {
  language: TranslationLocale;
  rows: ImportReportRow[];
  counts: Record<ImportOutcome, number>;
  translationsUpdated: number;
};

/** The file itself cannot be used: nothing is imported. */
export class XliffFileError extends Error {}

type FileUnit = {
  id: string;
  fiche: string;
  unit: UnitKey;
  fingerprint?: string;
  targets: Map<string, OrderedNode[] | undefined>;
};

const attributes = (node: OrderedNode) => (node[':@'] ?? {}) as Record<string, string>;
const childrenOf = (node: OrderedNode) => {
  const tag = tagOf(node);
  return (tag && Array.isArray(node[tag]) ? node[tag] : []) as OrderedNode[];
};
const elements = (list: OrderedNode[], name: string) => list.filter((node) => tagOf(node) === name);
/** `ar`, `ar-SA`, `AR` → `ar` when it is one of ours. */
const languageOf = (tag: string | undefined) => translationLocales.find((code) => code === tag?.toLowerCase().split(/[-_]/)[0]);

/** Reads the file: XML, the XLIFF 1.2 frame, one target language, our ids. Throws XliffFileError with a French message. */
export function readXliff(text: string): { language: TranslationLocale; units: FileUnit[] } {
  // XLIFF needs no DTD: declared entities could expand a small file into gigabytes.
  if (/<!DOCTYPE/i.test(text))
    throw new XliffFileError(
      'Fichier refusé : il contient une déclaration <!DOCTYPE>, qu’un fichier XLIFF n’a pas à contenir. Rien n’a été importé.',
    );
  const checked = XMLValidator.validate(text);
  if (checked !== true)
    throw new XliffFileError(
      `Fichier illisible : ce n’est pas du XML valide (ligne ${checked.err.line} : ${checked.err.msg}). Rien n’a été importé.`,
    );
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
  });
  const document = parser.parse(text) as OrderedNode[];
  const root = document.find((node) => tagOf(node) === 'xliff');
  if (!root) throw new XliffFileError('Ce fichier n’est pas un fichier XLIFF (élément <xliff> absent). Rien n’a été importé.');
  const version = attributes(root)['@_version'];
  if (version !== '1.2')
    throw new XliffFileError(`Version XLIFF ${version ?? 'inconnue'} : seul XLIFF 1.2 est accepté. Rien n’a été importé.`);
  const files = elements(childrenOf(root), 'file');
  if (files.length === 0) throw new XliffFileError('Le fichier ne contient aucune fiche (<file>). Rien n’a été importé.');
  const fingerprintAttribute = namespacePrefixOf(root);

  let language: TranslationLocale | undefined;
  const units: FileUnit[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const fileAttributes = attributes(file);
    if (!/^fr\b/i.test(fileAttributes['@_source-language'] ?? ''))
      throw new XliffFileError('La langue source du fichier doit être le français (source-language="fr"). Rien n’a été importé.');
    const target = languageOf(fileAttributes['@_target-language']);
    if (!target)
      throw new XliffFileError(
        `Langue cible « ${fileAttributes['@_target-language'] ?? ''} » inconnue : ${translationLocales.join(', ')}. Rien n’a été importé.`,
      );
    if (language && target !== language)
      throw new XliffFileError(
        'Le fichier mélange plusieurs langues cibles : importez une langue à la fois. Rien n’a été importé.',
      );
    language = target;
    const body = elements(childrenOf(file), 'body')[0];
    const walk = (list: OrderedNode[], group?: FileUnit) => {
      for (const node of list) {
        const tag = tagOf(node);
        if (tag !== 'group' && tag !== 'trans-unit') continue;
        const id = attributes(node)['@_id'] ?? '';
        if (seen.has(id))
          throw new XliffFileError(`L’identifiant « ${id} » apparaît deux fois dans le fichier. Rien n’a été importé.`);
        seen.add(id);
        if (group) {
          const part = id.slice(group.id.length + 1);
          if (!id.startsWith(`${group.id}:`) || tag !== 'trans-unit')
            throw new XliffFileError(`« ${id} » n’est pas une partie de l’élément « ${group.id} ». Rien n’a été importé.`);
          group.targets.set(part, targetOf(node));
          continue;
        }
        const match = /^([^:]+):([^:]+)$/.exec(id);
        if (!match || !isUnitKey(match[2]!))
          throw new XliffFileError(
            `Identifiant « ${id} » inconnu : ce fichier ne vient pas d’un export de Passerelle. Rien n’a été importé.`,
          );
        const unit: FileUnit = {
          id,
          fiche: match[1]!,
          unit: match[2] as UnitKey,
          fingerprint: attributes(node)[fingerprintAttribute],
          targets: new Map(),
        };
        units.push(unit);
        if (tag === 'trans-unit') unit.targets.set('text', targetOf(node));
        else walk(childrenOf(node), unit);
      }
    };
    walk(body ? childrenOf(body) : []);
  }
  return { language: language!, units };
}

/** The prefix the file binds to our namespace (a CAT tool may rename it). */
function namespacePrefixOf(root: OrderedNode): string {
  const entry = Object.entries(attributes(root)).find(([name, value]) => name.startsWith('@_xmlns:') && value === xliffNamespace);
  return `@_${entry ? entry[0].slice('@_xmlns:'.length) : 'passerelle'}:fingerprint`;
}

function targetOf(transUnit: OrderedNode): OrderedNode[] | undefined {
  const target = elements(childrenOf(transUnit), 'target')[0];
  return target ? childrenOf(target) : undefined;
}

type Planned = { translation: TranslationRow; data: Partial<Translation>; units: UnitKey[] };

/**
 * Imports an agency's file as proposals of `user`. Every unit is checked before anything is
 * written: French changed since the export (fingerprint), unit or fiche gone, markup that is not
 * the source's, texts too long. The accepted units are written in one transaction, each
 * translation once; a validated translation goes back to review. Never validates.
 */
export async function importXliff(
  payload: Payload,
  file: ReturnType<typeof readXliff>,
  user: NonNullable<PayloadRequest['user']>,
): Promise<ImportReport> {
  const { language, units } = file;
  const ficheIds = [...new Set(units.map((unit) => unit.fiche))];
  const french = await frenchOfFiches(payload, ficheIds);
  const translations = await translationsOf(payload, language, ficheIds);
  const rows: ImportReportRow[] = [];
  const planned = new Map<string, Planned>();
  const direction = directionOf(language);

  for (const unit of units) {
    const fiche = french.get(unit.fiche);
    const translation = translations.get(unit.fiche);
    const report = (outcome: ImportOutcome, message: string) =>
      rows.push({
        id: unit.id,
        fiche: unit.fiche,
        ficheTitle: fiche?.title ?? '',
        unit: unit.unit,
        unitLabel: unitLabel(unit.unit),
        outcome,
        message,
      });
    if (!fiche || !translation) {
      report('frenchChanged', 'Cette fiche n’existe plus.');
      continue;
    }
    const current = unitsOf(fiche.content).get(unit.unit);
    if (!current) {
      report('frenchChanged', 'Cet élément n’existe plus dans la fiche française.');
      continue;
    }
    if (!unit.fingerprint) {
      report('invalid', 'Empreinte du français absente (attribut passerelle:fingerprint) : exportez de nouveau cette fiche.');
      continue;
    }
    if (unit.fingerprint !== current.fingerprint) {
      report(
        'frenchChanged',
        'Le français a changé depuis l’export : exportez de nouveau cette fiche pour traduire le texte actuel.',
      );
      continue;
    }
    const parts = partsOf(fiche.content, unit.unit);
    if ([...unit.targets.keys()].some((name) => !parts.some((part) => part.name === name))) {
      report('invalid', `Parties inattendues : ${[...unit.targets.keys()].join(', ')}.`);
      continue;
    }
    if (parts.every((part) => !unit.targets.get(part.name)?.length)) {
      report('unchanged', 'Pas de traduction dans le fichier.');
      continue;
    }
    const plan = planned.get(translation.id) ?? { translation, data: {}, units: [] };
    let values: Record<string, string | RichTextValue>;
    try {
      values = Object.fromEntries(
        parts.map((part) => {
          const target = unit.targets.get(part.name);
          if (!target?.length) throw new InvalidMarkupError(`traduction manquante pour « ${partLabels[part.name]} »`);
          if (part.body) return [part.name, inlineToRichText(target, richTextToInline(part.body).nodes, direction)];
          const value = inlineToPlainText(target);
          if (!value) throw new InvalidMarkupError(`traduction vide pour « ${partLabels[part.name]} »`);
          if (part.maxLength && value.length > part.maxLength)
            throw new InvalidMarkupError(
              `« ${partLabels[part.name]} » trop long : ${value.length} caractères, ${part.maxLength} au plus`,
            );
          return [part.name, value];
        }),
      );
    } catch (error) {
      if (error instanceof InvalidMarkupError) {
        report('invalid', `Balisage invalide : ${error.message}.`);
        continue;
      }
      throw error;
    }
    const before = unitsOf(translatableContentOf({ ...translation, ...plan.data } as TranslatableContent));
    let data: Partial<Translation>;
    try {
      data = withUnit({ ...translation, ...plan.data } as TranslatableContent, unit.unit, values);
    } catch (error) {
      if (error instanceof InvalidMarkupError) {
        report('invalid', error.message);
        continue;
      }
      throw error;
    }
    const after = unitsOf(translatableContentOf({ ...translation, ...plan.data, ...data } as TranslatableContent));
    if (before.get(unit.unit)?.fingerprint === after.get(unit.unit)?.fingerprint) {
      report('unchanged', 'Identique à la proposition actuelle.');
      continue;
    }
    Object.assign(plan.data, data);
    plan.units.push(unit.unit);
    planned.set(translation.id, plan);
    report('imported', 'Importée comme proposition, à relire par un traducteur expert.');
  }

  if (planned.size > 0) await writeProposals(payload, [...planned.values()], user);
  const counts: Record<ImportOutcome, number> = { imported: 0, unchanged: 0, frenchChanged: 0, invalid: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return { language, rows, counts, translationsUpdated: planned.size };
}

const partLabels: Record<Part['name'], string> = { text: 'texte', title: 'titre', body: 'texte', name: 'nom', note: 'précision' };

/** The translation's fields with this unit's text in place; items go in order (the previous ones must exist). */
function withUnit(
  content: TranslatableContent,
  key: UnitKey,
  values: Record<string, string | RichTextValue>,
): Partial<Translation> {
  const [list, index] = key.split('.') as [string, string | undefined];
  if (index === undefined) return { [key]: values.text } as Partial<Translation>;
  const items = [...((content[list as (typeof itemListKeys)[number]] ?? []) as Record<string, unknown>[])].map((item) =>
    list === 'documents' ? { name: item.name ?? null, note: item.note ?? null } : { title: item.title, body: item.body },
  );
  if (items.length < Number(index))
    throw new InvalidMarkupError(
      'Les éléments précédents de cette liste ne sont pas encore traduits : importez-les dans le même fichier ou traduisez-les d’abord.',
    );
  items[Number(index)] =
    list === 'documents'
      ? { name: (values.name as string | undefined) ?? null, note: (values.note as string | undefined) ?? null }
      : { title: values.title, body: values.body };
  return { [list]: items } as Partial<Translation>;
}

/**
 * One transaction for the whole file (database/inOneTransaction.ts).
 */
async function writeProposals(payload: Payload, plans: Planned[], user: NonNullable<PayloadRequest['user']>): Promise<void> {
  // The endpoint checked the user's right to import this language: the workflow's language
  // check (written for the admin's forms) is not asked again, nor is any validation requested.
  const req = await createLocalReq({ user: user as never, context: { skipRebuild: true, translationWorkflow: true } }, payload);
  const work = async () => {
    for (const plan of plans) {
      req.context.proposalOrigin = Object.fromEntries(plan.units.map((key) => [key, 'xliff' satisfies UnitRecord['origin']]));
      await payload.update({
        collection: 'translations',
        id: plan.translation.id,
        // The agency's work is to be reviewed: « À relire », whatever the translation's state.
        data: { ...plan.data, status: 'toReview' },
        depth: 0,
        overrideAccess: true,
        req,
      });
    }
  };
  await inOneTransaction(payload, req, work);
}
