/**
 * Pure parts of the translation memory: how a unit is cut into sentences, how French text is
 * normalized and hashed for exact matches, the MinHash bands that find fuzzy candidates through
 * an index, and the similarity shown to translators.
 */
import { createHash } from 'node:crypto';

import {
  sectionKeys,
  textUnitKeys,
  type LexicalNode,
  type SectionKey,
  type TextUnitKey,
  type UnitKey,
} from '@passerelle/content-schemas';

import { wordDiff } from '../wordDiff';
import type { TranslatableContent } from '../units';

/** A French unit as the memory sees it: its whole text (as `unitsOf` gives it) and its sentences. */
export type UnitPieces = { key: UnitKey; text: string; pieces: string[]; sectioned: boolean };
/** One pair kept in the memory: a whole unit, or one of its sentences when both sides align. */
export type Segment = { unit: UnitKey; scope: 'unit' | 'sentence'; french: string; target: string };

const spaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Lower case, one kind of apostrophe and of space: what « the same French » means for the memory. */
export function normalizeFrench(text: string): string {
  return spaces(
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[’ʼ‘`]/g, "'")
      .replace(/[\u00a0\u202f]/g, ' '),
  );
}

/**
 * The language-free part of a French text's hash and bands, kept for the texts added last: a
 * fiche's French is stored once per language it is translated into (7 times in a row for a bulk
 * import's fiche, 30–40 texts each), and normalizing, hashing and min-hashing it again each time
 * was a third of the memory's cost per fiche. A few hundred texts cover that reuse; more would
 * only hold French texts in the CMS's memory for nothing. Pure functions of the text: a cached
 * value is the computed one.
 */
const fingerprints = new Map<string, { digest: string; mins: string[] }>();
const fingerprintsKept = 512;

function fingerprintOf(text: string): { digest: string; mins: string[] } {
  let found = fingerprints.get(text);
  if (!found) {
    found = { digest: createHash('sha256').update(normalizeFrench(text)).digest('hex').slice(0, 32), mins: minHashes(text) };
    // The text added longest ago goes first (a Map keeps the order texts were added in).
    if (fingerprints.size >= fingerprintsKept) fingerprints.delete(fingerprints.keys().next().value as string);
    fingerprints.set(text, found);
  }
  return found;
}

export function frenchHash(language: string, text: string): string {
  return `${language}:${fingerprintOf(text).digest}`;
}

/** Sentences of one block: cut after . ! ? … and their Arabic and Ethiopic forms, kept attached. */
export function sentencesOf(text: string): string[] {
  return spaces(text)
    .split(/(?<=[.!?…؟።])\s+(?=\S)/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/**
 * The blocks of a rich text: paragraphs and headings, one per list item (written `- item`, so a
 * memory text inserted back becomes a list again). Links and bold are not kept: the memory
 * stores words.
 */
export function blocksOf(body: unknown): string[] {
  const root = (body as { root?: LexicalNode } | null | undefined)?.root;
  if (!root) return [];
  const text = (node: LexicalNode): string =>
    node.type === 'text' && typeof node.text === 'string'
      ? node.text
      : node.type === 'linebreak'
        ? ' '
        : (node.children ?? []).map(text).join('');
  const blocks: string[] = [];
  for (const block of root.children ?? []) {
    if (block.type === 'list') for (const item of block.children ?? []) blocks.push(`- ${spaces(text(item))}`);
    else blocks.push(spaces(text(block)));
  }
  return blocks.filter((block) => block && block !== '-');
}

const unlisted = (block: string) => block.replace(/^- /, '');

type Item = { title?: string | null; body?: unknown };

function itemOf(content: TranslatableContent, key: UnitKey): { text?: string | null; item?: Item; document?: string[] } {
  if ((textUnitKeys as readonly string[]).includes(key)) return { text: content[key as TextUnitKey] };
  const [section, index] = key.split('.');
  if (section === 'documents') {
    // A document of the fiche: its own name (empty for one of the shared list) and its note, one line each.
    const row = (content.documents ?? [])[Number(index)];
    return { document: row ? [row.name, row.note].map((part) => spaces(part ?? '')).filter(Boolean) : [] };
  }
  return { item: (content[section as SectionKey] ?? [])[Number(index)] };
}

/** The French side of a unit: whole text (as `unitsOf`) and sentences (a section item's title is one). */
export function piecesOf(content: TranslatableContent, key: UnitKey): UnitPieces | undefined {
  const { text, item, document } = itemOf(content, key);
  if (document) return document.length > 0 ? { key, text: document.join(' '), pieces: document, sectioned: true } : undefined;
  if (item) {
    const title = spaces(item.title ?? '');
    const body = blocksOf(item.body).map(unlisted);
    const whole = spaces([title, ...body].join(' '));
    if (!whole) return undefined;
    return { key, text: whole, pieces: [title, ...body.flatMap(sentencesOf)].filter(Boolean), sectioned: true };
  }
  const whole = spaces(text ?? '');
  return whole ? { key, text: whole, pieces: sentencesOf(whole), sectioned: false } : undefined;
}

/** The target side as it is inserted back: a section item is its title, then its body's blocks. */
function targetOf(content: TranslatableContent, key: UnitKey): { whole: string; pieces: string[] } | undefined {
  const { text, item, document } = itemOf(content, key);
  if (document) return document.length > 0 ? { whole: document.join('\n'), pieces: document } : undefined;
  if (item) {
    const title = spaces(item.title ?? '');
    const blocks = blocksOf(item.body);
    if (!title && blocks.length === 0) return undefined;
    return {
      whole: [title, ...blocks].join('\n'),
      pieces: [title, ...blocks.map(unlisted).flatMap(sentencesOf)].filter(Boolean),
    };
  }
  const whole = spaces(text ?? '');
  return whole ? { whole, pieces: sentencesOf(whole) } : undefined;
}

/**
 * The memory's pairs for the given units of one validated translation: each whole unit, and its
 * sentences one by one when French and translation have as many (the usual case for our short,
 * plain sentences; otherwise the alignment would be a guess, and a wrong match costs more time
 * than none).
 */
export function segmentsOf(french: TranslatableContent, target: TranslatableContent, keys: Iterable<UnitKey>): Segment[] {
  const segments: Segment[] = [];
  for (const key of keys) {
    const source = piecesOf(french, key);
    const translated = targetOf(target, key);
    if (!source || !translated) continue;
    segments.push({ unit: key, scope: 'unit', french: source.text, target: translated.whole });
    if (source.pieces.length > 1 && source.pieces.length === translated.pieces.length) {
      const seen = new Set<string>();
      source.pieces.forEach((piece, index) => {
        const normalized = normalizeFrench(piece);
        if (seen.has(normalized)) return;
        seen.add(normalized);
        segments.push({ unit: key, scope: 'sentence', french: piece, target: translated.pieces[index]! });
      });
    }
  }
  return segments;
}

/** Every unit key of the content, in the side-by-side view's order. */
export function unitKeysOf(content: TranslatableContent): UnitKey[] {
  return [
    ...textUnitKeys.filter((key) => spaces(content[key] ?? '')),
    ...sectionKeys.flatMap((section) => (content[section] ?? []).map((_, index) => `${section}.${index}` as UnitKey)),
    ...(content.documents ?? []).flatMap((row, index) =>
      spaces(row.name ?? '') || spaces(row.note ?? '') ? [`documents.${index}` as UnitKey] : [],
    ),
  ];
}

// Words that most French sentences share: a band made of them would match everything.
const stopWords = new Set(
  'a au aux avec ce ces cette d de des du elle en est et il ils je l la le les leur leurs lui ma mais me mes mon n ne nos notre nous on ou où par pas pour qu que qui s sa se ses si son sont sur ta te tes ton tu un une vos votre vous y à être avoir été plus tout tous très peut faut'.split(
    ' ',
  ),
);

function wordsOf(text: string): string[] {
  return normalizeFrench(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !stopWords.has(word));
}

/** FNV-1a, 32 bits, seeded: fast, and stable across processes and databases. */
function hash32(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const bandCount = 4;
const rowsPerBand = 2;

/**
 * MinHash bands of the French words: two texts whose word sets overlap by 70 % share at least one
 * of the 4 bands 9 times out of 10 (by half: 7 times out of 10), while unrelated sentences rarely
 * do. Each band is an indexed column, so fuzzy candidates come from a few index lookups.
 */
export function bandsOf(language: string, text: string): string[] {
  return fingerprintOf(text).mins.map((mins, band) => `${language}:${band}:${mins}`);
}

/** Each band's minimum hashes, joined (`a1b2.c3d4`); none when the text has no significant word. */
function minHashes(text: string): string[] {
  const words = [...new Set(wordsOf(text))];
  if (words.length === 0) return [];
  const bands: string[] = [];
  for (let band = 0; band < bandCount; band += 1) {
    const mins: string[] = [];
    for (let row = 0; row < rowsPerBand; row += 1) {
      const seed = band * rowsPerBand + row + 1;
      let min = Number.MAX_SAFE_INTEGER;
      for (const word of words) min = Math.min(min, hash32(word, seed * 0x9e3779b1));
      mins.push(min.toString(36));
    }
    bands.push(mins.join('.'));
  }
  return bands;
}

/** Share of the characters two texts have in common, word by word (jsdiff): 1 for equal texts. */
export function similarity(a: string, b: string): number {
  const left = normalizeFrench(a);
  const right = normalizeFrench(b);
  if (left === right) return 1;
  if (!left || !right) return 0;
  // Lengths alone bound the score: skip the diff when it cannot reach the threshold.
  if ((2 * Math.min(left.length, right.length)) / (left.length + right.length) < minimumSimilarity) return 0;
  const same = wordDiff(left, right)
    .filter((part) => part.kind === 'same')
    .reduce((sum, part) => sum + part.text.length, 0);
  return (2 * same) / (left.length + right.length);
}

/** Below this, a match costs a translator more reading than it saves (CAT tools default to 70–75 %). */
export const minimumSimilarity = 0.6;
