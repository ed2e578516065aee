/**
 * Rich text through a machine translator and back: Lexical JSON → HTML the provider translates
 * with its tag handling (DeepL `tag_handling=html`, LibreTranslate `format=html`) → Lexical JSON.
 * Links travel as `<a data-link="N">`: the provider keeps the tag and translates its words, and
 * the link itself (an address, or another fiche) comes back from the source untouched, so a
 * translator can never receive a link the French did not have.
 */
import { lexicalTextFormats, type TextDirection } from '@passerelle/content-schemas';

import { escapeMarkup } from '../../utilities/escapeMarkup';

type LexicalNode = Record<string, unknown> & { type: string; children?: LexicalNode[] };
export type LexicalDocument = { root: LexicalNode & { children: LexicalNode[] } };

/** The tags a provider may answer with, back to Lexical's bits: `lexicalTextFormats` and their synonyms. */
const tagFormats: Record<string, number> = {
  strong: 1,
  b: 1,
  em: 2,
  i: 2,
  s: 4,
  del: 4,
  strike: 4,
  u: 8,
  code: 16,
  sub: 32,
  sup: 64,
  mark: 128,
};

export type LinkFields = Record<string, unknown>;

/** The HTML of a Lexical document, and the links it refers to by position. */
export function lexicalToHtml(document: unknown): { html: string; links: LinkFields[] } {
  const links: LinkFields[] = [];
  const root = (document as LexicalDocument | null)?.root;
  const html = (root?.children ?? []).map((node) => blockHtml(node, links)).join('');
  return { html, links };
}

function childrenHtml(node: LexicalNode, links: LinkFields[]): string {
  return (node.children ?? []).map((child) => inlineHtml(child, links)).join('');
}

function blockHtml(node: LexicalNode, links: LinkFields[]): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${childrenHtml(node, links)}</p>`;
    case 'heading': {
      const tag = /^h[1-6]$/.test(String(node.tag)) ? String(node.tag) : 'h3';
      return `<${tag}>${childrenHtml(node, links)}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${childrenHtml(node, links)}</blockquote>`;
    case 'horizontalrule':
      return '<hr>';
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul';
      const items = (node.children ?? [])
        .map(
          (item) =>
            `<li>${(item.children ?? []).map((child) => (child.type === 'list' ? blockHtml(child, links) : inlineHtml(child, links))).join('')}</li>`,
        )
        .join('');
      return `<${tag}>${items}</${tag}>`;
    }
    default:
      return `<p>${childrenHtml(node, links)}</p>`;
  }
}

function inlineHtml(node: LexicalNode, links: LinkFields[]): string {
  switch (node.type) {
    case 'text': {
      let html = escapeMarkup(String(node.text ?? ''));
      const format = Number(node.format ?? 0);
      // Innermost first, so `<strong><em>…</em></strong>` reads as it was applied.
      for (const [bit, tag] of [...lexicalTextFormats].reverse()) if (format & bit) html = `<${tag}>${html}</${tag}>`;
      return html;
    }
    case 'linebreak':
      return '<br>';
    case 'tab':
      return '\t';
    case 'link':
    case 'autolink': {
      links.push({ type: node.type, fields: node.fields ?? {} });
      return `<a data-link="${links.length - 1}">${childrenHtml(node, links)}</a>`;
    }
    default:
      return childrenHtml(node, links);
  }
}

// ——— HTML back to Lexical ———

type HtmlElement = { tag: string; attributes: Record<string, string>; children: HtmlNode[] };
type HtmlNode = HtmlElement | string;

const voidTags = new Set(['br', 'hr', 'img', 'wbr']);
const blockTags = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'hr']);

// Those a serialiser may write for French punctuation and accents; others stay as written.
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  euro: '€',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  icirc: 'î',
  iuml: 'ï',
  ocirc: 'ô',
  ugrave: 'ù',
  ucirc: 'û',
  oelig: 'œ',
  Eacute: 'É',
  Agrave: 'À',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+[0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name] ?? namedEntities[name.toLowerCase()] ?? whole;
  });
}

/**
 * A lenient parser for the HTML that comes back: the tags we sent, perhaps re-serialised
 * (`<br/>`, other quoting) or left unclosed. An end tag closes up to its opening tag; a stray
 * one is ignored; comments and unknown markup keep only their text.
 */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const pattern = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  let last = 0;
  const addText = (text: string) => {
    if (text) stack.at(-1)!.children.push(decodeEntities(text));
  };
  for (const match of html.matchAll(pattern)) {
    addText(html.slice(last, match.index));
    last = match.index + match[0].length;
    const tag = match[1]?.toLowerCase();
    if (!tag) continue; // a comment
    if (match[0][1] === '/') {
      const open = stack.findLastIndex((element) => element.tag === tag);
      if (open > 0) stack.length = open;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes[attribute[1]!.toLowerCase()] = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    const element: HtmlElement = { tag, attributes, children: [] };
    // A block never sits inside a paragraph: an unclosed `<p>` ends where the next block starts.
    if (blockTags.has(tag) && stack.at(-1)!.tag === 'p') stack.pop();
    if (tag === 'li') {
      const list = stack.findLastIndex((open) => open.tag === 'ul' || open.tag === 'ol');
      const item = stack.findLastIndex((open) => open.tag === 'li');
      if (item > list && item > 0) stack.length = item;
    }
    stack.at(-1)!.children.push(element);
    if (!voidTags.has(tag) && !match[0].endsWith('/>')) stack.push(element);
  }
  addText(html.slice(last));
  return root.children;
}

/** The text of HTML, tags dropped: how a plain-text field comes back. */
export function htmlToPlainText(html: string): string {
  const text = (nodes: HtmlNode[]): string =>
    nodes.map((node) => (typeof node === 'string' ? node : node.tag === 'br' ? '\n' : text(node.children))).join('');
  return text(parseHtml(html))
    .replace(/[ \t\u00a0]+/g, (spaces) => (spaces.includes('\u00a0') ? spaces : ' '))
    .trim();
}

const base = (direction: TextDirection) => ({ format: '', indent: 0, version: 1, direction });
const textNode = (text: string, format: number): LexicalNode => ({
  type: 'text',
  text,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
});

/** The translated HTML as a Lexical document, in the target language's direction. */
export function htmlToLexical(html: string, links: LinkFields[], direction: TextDirection): LexicalDocument {
  const children: LexicalNode[] = [];
  let loose: HtmlNode[] = [];
  const flushLoose = () => {
    const inline = inlineNodes(loose, 0, links);
    if (inline.length > 0)
      children.push({ type: 'paragraph', textFormat: 0, textStyle: '', ...base(direction), children: inline });
    loose = [];
  };
  for (const node of parseHtml(html)) {
    if (typeof node !== 'string' && blockTags.has(node.tag)) {
      flushLoose();
      children.push(...blockNodes(node, links, direction));
    } else {
      loose.push(node);
    }
  }
  flushLoose();
  return { root: { type: 'root', ...base(direction), children } };
}

function blockNodes(element: HtmlElement, links: LinkFields[], direction: TextDirection): LexicalNode[] {
  const inline = () => inlineNodes(element.children, 0, links);
  switch (element.tag) {
    case 'hr':
      return [{ type: 'horizontalrule', version: 1 }];
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return [{ type: 'heading', tag: element.tag, ...base(direction), children: inline() }];
    case 'blockquote':
      return [{ type: 'quote', ...base(direction), children: inline() }];
    case 'ul':
    case 'ol':
      return [listNode(element, 0, links, direction)];
    default:
      return [{ type: 'paragraph', textFormat: 0, textStyle: '', ...base(direction), children: inline() }];
  }
}

function listNode(element: HtmlElement, indent: number, links: LinkFields[], direction: TextDirection): LexicalNode {
  const numbered = element.tag === 'ol';
  const items: LexicalNode[] = [];
  for (const child of element.children) {
    if (typeof child === 'string' || child.tag !== 'li') continue;
    const nested = child.children.filter(
      (node): node is HtmlElement => typeof node !== 'string' && (node.tag === 'ul' || node.tag === 'ol'),
    );
    const inline = inlineNodes(
      child.children.filter((node) => !nested.includes(node as HtmlElement)),
      0,
      links,
    );
    items.push({ type: 'listitem', value: items.length + 1, ...base(direction), indent, children: inline });
    // Lexical keeps a nested list in an item of its own, right after its parent item.
    for (const list of nested)
      items.push({
        type: 'listitem',
        value: items.length + 1,
        ...base(direction),
        indent,
        children: [listNode(list, indent + 1, links, direction)],
      });
  }
  return {
    type: 'list',
    listType: numbered ? 'number' : 'bullet',
    tag: numbered ? 'ol' : 'ul',
    start: 1,
    ...base(direction),
    indent,
    children: items,
  };
}

function inlineNodes(nodes: HtmlNode[], format: number, links: LinkFields[]): LexicalNode[] {
  const out: LexicalNode[] = [];
  const walk = (list: HtmlNode[], currentFormat: number, into: LexicalNode[]) => {
    for (const node of list) {
      if (typeof node === 'string') {
        const text = node.replace(/[ \t\n\r\f]+/g, ' ');
        if (text) into.push(textNode(text, currentFormat));
        continue;
      }
      if (node.tag === 'br') {
        into.push({ type: 'linebreak', version: 1 });
        continue;
      }
      if (node.tag === 'a') {
        const linked = links[Number(node.attributes['data-link'])];
        const href = node.attributes.href ?? '';
        const fields =
          linked?.fields ?? (/^https?:\/\//.test(href) ? { linkType: 'custom', newTab: false, url: href } : undefined);
        if (!fields) {
          walk(node.children, currentFormat, into);
          continue;
        }
        const children: LexicalNode[] = [];
        walk(node.children, currentFormat, children);
        into.push({
          type: linked?.type === 'autolink' ? 'autolink' : 'link',
          fields,
          format: '',
          indent: 0,
          version: 3,
          direction: null,
          children: trimmed(children),
        });
        continue;
      }
      walk(node.children, currentFormat | (tagFormats[node.tag] ?? 0), into);
    }
  };
  walk(nodes, format, out);
  return trimmed(mergeTexts(out));
}

/** Adjacent texts of the same format are one Lexical text node. */
function mergeTexts(nodes: LexicalNode[]): LexicalNode[] {
  const merged: LexicalNode[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (node.type === 'text' && previous?.type === 'text' && previous.format === node.format)
      previous.text = String(previous.text) + String(node.text);
    else merged.push(node);
  }
  return merged;
}

/** The spaces HTML ignores at the edges of a block, or around a line break. */
function trimmed(nodes: LexicalNode[]): LexicalNode[] {
  const result = nodes.map((node, index) => {
    if (node.type !== 'text') return node;
    let text = String(node.text);
    if (index === 0 || nodes[index - 1]?.type === 'linebreak') text = text.trimStart();
    if (index === nodes.length - 1 || nodes[index + 1]?.type === 'linebreak') text = text.trimEnd();
    return { ...node, text };
  });
  return result.filter((node) => node.type !== 'text' || node.text !== '');
}
