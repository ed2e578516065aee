import type { LexicalNode, RichText } from '../schemas/RichTextSchema';

/**
 * Plain text cut to at most `maxLength` characters on a word boundary, with an ellipsis when
 * something was cut. Used for meta descriptions and cards, so whitespace is collapsed.
 */
export function excerpt(text: string, maxLength = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength); // leaves room for the ellipsis
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut.slice(0, maxLength - 1);
  return `${words.replace(/[\s,;:.!?،؛–—-]+$/u, '')}…`;
}

/** The words of a rich-text document, blocks separated by a space. */
export function richTextToPlainText(richText: RichText): string {
  return richText.root.children
    .map((block) => nodeText(block))
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function nodeText(node: LexicalNode): string {
  if (node.type === 'text' && typeof node.text === 'string') return node.text;
  if (node.type === 'linebreak') return ' ';
  const separator = node.type === 'list' ? ' ' : '';
  return (node.children ?? []).map((child) => nodeText(child)).join(separator);
}
