/**
 * Converts the seed's tiny markup (see data/README.md) into Lexical's serialized JSON:
 * paragraphs, bullet and numbered lists, **bold**, external links and `fiche:<key>` links.
 */
import type { TextDirection } from '@passerelle/content-schemas';

type SerializedNode = Record<string, unknown> & { type: string };
export type LexicalDocument = { root: SerializedNode & { children: SerializedNode[] } };

/** Finds the document id of another fiche from its key; an unknown key is an error in the data. */
export type FicheLinkResolver = (key: string) => string;

const BOLD = 1;

export function markupToLexical(markup: string, direction: TextDirection, resolveFiche: FicheLinkResolver): LexicalDocument {
  const blocks = markup.trim().split(/\n\s*\n/);
  const children: SerializedNode[] = [];
  for (const block of blocks) {
    const lines = block
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    // A block may start with a sentence and go on with a list ("Apportez :\n- un passeport"):
    // consecutive lines of the same kind form one paragraph or one list.
    for (const run of runsOf(lines)) {
      if (run.kind === 'paragraph') {
        children.push({
          type: 'paragraph',
          textFormat: 0,
          textStyle: '',
          ...blockBase(direction),
          children: inline(run.lines.join(' '), resolveFiche),
        });
        continue;
      }
      const isBullets = run.kind === 'bullet';
      children.push({
        type: 'list',
        listType: isBullets ? 'bullet' : 'number',
        tag: isBullets ? 'ul' : 'ol',
        start: 1,
        ...blockBase(direction),
        children: run.lines.map((line, index) => ({
          type: 'listitem',
          value: index + 1,
          ...blockBase(direction),
          children: inline(line.replace(isBullets ? /^- / : /^\d+\.\s+/, ''), resolveFiche),
        })),
      });
    }
  }
  return { root: { type: 'root', ...blockBase(direction), children } };
}

type Run = { kind: 'paragraph' | 'bullet' | 'number'; lines: string[] };

function kindOf(line: string): Run['kind'] {
  if (line.startsWith('- ')) return 'bullet';
  if (/^\d+\.\s/.test(line)) return 'number';
  return 'paragraph';
}

function runsOf(lines: string[]): Run[] {
  const runs: Run[] = [];
  for (const line of lines) {
    const kind = kindOf(line);
    const last = runs.at(-1);
    if (last && last.kind === kind) last.lines.push(line);
    else runs.push({ kind, lines: [line] });
  }
  return runs;
}

function blockBase(direction: TextDirection) {
  return { format: '', indent: 0, version: 1, direction };
}

function text(value: string, format = 0): SerializedNode {
  return { type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 };
}

const inlinePattern = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(line: string, resolveFiche: FicheLinkResolver): SerializedNode[] {
  const nodes: SerializedNode[] = [];
  let last = 0;
  for (const match of line.matchAll(inlinePattern)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(text(line.slice(last, index)));
    const [, bold, label, target] = match;
    if (bold !== undefined) {
      nodes.push(text(bold, BOLD));
    } else if (label !== undefined && target !== undefined) {
      nodes.push(link(label, target, resolveFiche));
    }
    last = index + match[0].length;
  }
  if (last < line.length) nodes.push(text(line.slice(last)));
  return nodes;
}

function link(label: string, target: string, resolveFiche: FicheLinkResolver): SerializedNode {
  const fields = target.startsWith('fiche:')
    ? { linkType: 'internal', newTab: false, doc: { relationTo: 'fiches', value: resolveFiche(target.slice('fiche:'.length)) } }
    : { linkType: 'custom', newTab: false, url: checkedUrl(target) };
  return { type: 'link', fields, format: '', indent: 0, version: 3, direction: null, children: [text(label)] };
}

function checkedUrl(target: string): string {
  const url = new URL(target); // throws on a malformed address: bad seed data must not load
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Unsupported link "${target}"`);
  return target;
}
