import { createHash } from 'node:crypto';

import {
  itemListKeys,
  richTextToPlainText,
  sectionUnitKey,
  textUnitKeys,
  type ItemListKey,
  type RichText,
  type SectionKey,
  type TextUnitKey,
  type UnitKey,
} from '@passerelle/content-schemas';

import { translatableFields } from './translatableFields';

/** The translatable text of a fiche in one language: the same shape in Fiches and Translations. */
export type TranslatableContent = { [K in TextUnitKey]?: string | null } & { [K in SectionKey]?: SectionItems } & {
  documents?: DocumentItems;
};
type SectionItems = { title?: string | null; body?: unknown }[] | null | undefined;
type DocumentItems = { name?: string | null; note?: string | null }[] | null | undefined;

export { translatableFields };

/**
 * The text of one item of each list: a section item's title and body; a document's own name
 * (fiche-specific ones only: the shared list is translated once, in its own collection) and note.
 */
const itemText: Record<ItemListKey, (item: Record<string, unknown>) => string> = {
  what: sectionItemText,
  why: sectionItemText,
  how: sectionItemText,
  next: sectionItemText,
  documents: (item) => [item.name, item.note].filter((part) => typeof part === 'string' && part.trim()).join('\n'),
};

function sectionItemText(item: Record<string, unknown>): string {
  const body = isRichText(item.body) ? richTextToPlainText(item.body) : '';
  return [typeof item.title === 'string' ? item.title : '', body].join('\n');
}

export type Unit = { key: UnitKey; text: string; fingerprint: string };

/**
 * Splits content into units with their plain text and a fingerprint of it. Only the words
 * count: re-formatting a French paragraph (bold, a list) does not make translations outdated.
 */
export function unitsOf(content: TranslatableContent): Map<UnitKey, Unit> {
  const units = new Map<UnitKey, Unit>();
  const add = (key: UnitKey, text: string) => {
    const normalized = text.replace(/\s+/g, ' ').trim();
    if (normalized) units.set(key, { key, text: normalized, fingerprint: fingerprint(normalized) });
  };
  for (const key of textUnitKeys) add(key, content[key] ?? '');
  for (const list of itemListKeys) {
    ((content[list] ?? []) as Record<string, unknown>[]).forEach((item, index) =>
      add(sectionUnitKey(list, index), itemText[list](item)),
    );
  }
  return units;
}

export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function isRichText(value: unknown): value is RichText {
  return Boolean(value && typeof value === 'object' && 'root' in value);
}

/** Picks the translatable fields out of a document, nothing else. */
export function translatableContentOf(doc: TranslatableContent): TranslatableContent {
  return Object.fromEntries(translatableFields.map((field) => [field, doc[field] ?? null])) as TranslatableContent;
}

/**
 * Words of a French text as translators are paid for them: runs of characters between spaces
 * that hold a letter or a digit (« l’Assurance » is one word, « — » none).
 */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}
