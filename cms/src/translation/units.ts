import { createHash } from 'node:crypto';

import { richTextToPlainText, sectionKeys, sectionUnitKey, textUnitKeys, type RichText, type SectionKey, type TextUnitKey, type UnitKey } from '@passerelle/content-schemas';

import { translatableFields } from './translatableFields';

/** The translatable text of a fiche in one language: the same shape in Fiches and Translations. */
export type TranslatableContent = { [K in TextUnitKey]?: string | null } & { [K in SectionKey]?: SectionItems };
type SectionItems = { title?: string | null; body?: unknown }[] | null | undefined;

export { translatableFields };

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
  for (const section of sectionKeys) {
    (content[section] ?? []).forEach((item, index) => {
      const body = isRichText(item.body) ? richTextToPlainText(item.body) : '';
      add(sectionUnitKey(section, index), [item.title ?? '', body].join('\n'));
    });
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
