/**
 * Rich text ⇄ XLIFF 1.2 inline markup. The French body's structure becomes numbered placeholders
 * — `<g>` around what has content (paragraphs, lists and their items, links, bold…), `<x/>` for
 * what has none (line breaks) — that CAT tools show as tags and keep in the target. On import the
 * target's tags are matched by id to the French nodes they stand for, so link addresses, list
 * types and formats come from the CMS, never from the agency's file.
 */
import type { TextDirection } from '@passerelle/content-schemas';

import { escapeMarkup } from '../../utilities/escapeMarkup';

export type LexicalNode = {
  type: string;
  children?: LexicalNode[];
  text?: string;
  format?: number | string;
  [key: string]: unknown;
};
export type RichTextValue = { root: LexicalNode & { children: LexicalNode[] } };

/** A parsed XML node of fast-xml-parser's ordered form: `{ '#text': 'x' }` or `{ g: [...], ':@': { '@_id': '1' } }`. */
export type OrderedNode = Record<string, unknown>;

export class InvalidMarkupError extends Error {}

const blockTypes = new Set(['paragraph', 'heading', 'quote', 'list']);
const formatTypes: Record<number, string> = { 1: 'bold', 2: 'italic', 8: 'underlined' };

const withoutChildren = ({ children: _children, ...node }: LexicalNode): LexicalNode => node;

/**
 * The French body as inline XLIFF, and what each placeholder id stands for. Ids are given in
 * document order, so the same French gives the same ids at export and at import.
 */
export type Placeholders = Map<string, { node: LexicalNode; tag: 'g' | 'x' }>;

export function richTextToInline(body: RichTextValue): { xml: string; nodes: Placeholders } {
  const nodes: Placeholders = new Map();
  const next = (node: LexicalNode, tag: 'g' | 'x' = 'g') => {
    const id = String(nodes.size + 1);
    nodes.set(id, { node: withoutChildren(node), tag });
    return id;
  };
  const write = (node: LexicalNode): string => {
    if (node.type === 'text') {
      const text = escapeMarkup(String(node.text ?? ''));
      const format = typeof node.format === 'number' ? node.format : 0;
      if (format === 0) return text;
      return `<g id="${next(node)}" ctype="${formatTypes[format] ?? `x-format-${format}`}">${text}</g>`;
    }
    if (Array.isArray(node.children)) {
      const id = next(node);
      const ctype = node.type === 'link' || node.type === 'autolink' ? 'link' : `x-${node.type}`;
      return `<g id="${id}" ctype="${ctype}">${node.children.map(write).join('')}</g>`;
    }
    const id = next(node, 'x');
    return `<x id="${id}" ctype="${node.type === 'linebreak' ? 'lb' : `x-${node.type}`}"/>`;
  };
  const xml = body.root.children.map(write).join('');
  return { xml, nodes };
}

type Context = 'root' | 'list' | 'item' | 'inline';

const childrenOf = (node: OrderedNode): OrderedNode[] => {
  const name = tagOf(node);
  const value = name ? node[name] : undefined;
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
};
export const tagOf = (node: OrderedNode): string | undefined => Object.keys(node).find((key) => key !== ':@');
const attributeOf = (node: OrderedNode, name: string): string | undefined => {
  const attributes = node[':@'] as Record<string, unknown> | undefined;
  const value = attributes?.[`@_${name}`];
  return value === undefined ? undefined : String(value);
};

/** Plain text of a target that may hold no tag (a title, a summary): CAT tools' segment markers are let through. */
export function inlineToPlainText(content: OrderedNode[]): string {
  const read = (list: OrderedNode[]): string =>
    list
      .map((node) => {
        const tag = tagOf(node);
        if (tag === '#text') return String(node['#text']);
        if (tag === 'mrk') return read(childrenOf(node));
        throw new InvalidMarkupError(`balise <${tag}> inattendue : ce texte n’a pas de mise en forme`);
      })
      .join('');
  return read(content).replace(/\s+/g, ' ').trim();
}

/**
 * The translated body from the target's inline markup: each tag must be one of the French
 * body's placeholders, once, where that kind of node may stand (a paragraph at the top, an item
 * in a list, bold or a link inside text). Text outside any paragraph is refused.
 */
export function inlineToRichText(content: OrderedNode[], nodes: Placeholders, direction: TextDirection): RichTextValue {
  const used = new Set<string>();
  const build = (list: OrderedNode[], context: Context, format: number): LexicalNode[] => {
    const out: LexicalNode[] = [];
    for (const node of list) {
      const tag = tagOf(node);
      if (tag === '#text') {
        const text = String(node['#text']).replace(/\s+/g, ' ');
        if (context !== 'inline' && context !== 'item') {
          if (text.trim()) throw new InvalidMarkupError(`texte « ${text.trim().slice(0, 40)} » hors de tout paragraphe`);
          continue;
        }
        if (text) out.push({ type: 'text', text, format, detail: 0, mode: 'normal', style: '', version: 1 });
        continue;
      }
      if (tag === 'mrk') {
        out.push(...build(childrenOf(node), context, format));
        continue;
      }
      if (tag !== 'g' && tag !== 'x')
        throw new InvalidMarkupError(`balise <${tag}> inconnue (seules <g> et <x/> de la source sont acceptées)`);
      const id = attributeOf(node, 'id') ?? '';
      const placeholder = nodes.get(id);
      if (!placeholder) throw new InvalidMarkupError(`balise <${tag} id="${id}"> absente de la source`);
      if (used.has(id)) throw new InvalidMarkupError(`balise id="${id}" utilisée deux fois`);
      used.add(id);
      if (placeholder.tag !== tag)
        throw new InvalidMarkupError(`balise id="${id}" : <${tag}> à la place de <${placeholder.tag}>`);
      const template = placeholder.node;
      const inner = childrenOf(node);
      if (template.type === 'text') {
        if (context !== 'inline' && context !== 'item')
          throw new InvalidMarkupError(`mise en forme id="${id}" hors de tout paragraphe`);
        out.push(...build(inner, 'inline', format | (typeof template.format === 'number' ? template.format : 0)));
        continue;
      }
      // A line break or an embedded object stands where the translation needs it.
      if (tag === 'x') {
        out.push({ ...template });
        continue;
      }
      if (!placeOf(template.type).includes(context))
        throw new InvalidMarkupError(`balise id="${id}" (${template.type}) à une place où elle ne peut pas être`);
      const childContext: Context = template.type === 'list' ? 'list' : template.type === 'listitem' ? 'item' : 'inline';
      const element: LexicalNode = { ...template, children: build(inner, childContext, 0) };
      if ('direction' in template && template.type !== 'link') element.direction = direction;
      out.push(element);
    }
    return out;
  };
  const children = build(content, 'root', 0);
  return { root: { type: 'root', format: '', indent: 0, version: 1, direction, children } };
}

/** Where each kind of node may stand: blocks at the top (a list also in an item), items in lists, the rest in text. */
function placeOf(type: string): Context[] {
  if (type === 'list') return ['root', 'item'];
  if (blockTypes.has(type)) return ['root'];
  if (type === 'listitem') return ['list'];
  return ['inline', 'item'];
}
