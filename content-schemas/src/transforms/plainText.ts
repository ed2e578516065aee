import type { LexicalNode, RichText } from '../schemas/RichTextSchema';

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
