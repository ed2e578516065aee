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
