/**
 * An ASCII, lower-case, hyphenated slug from any text ("Obtenir sa carte Vitale" →
 * "obtenir-sa-carte-vitale"). Letters with diacritics lose them; ligatures are spelled out.
 */
export function slugify(text: string, maxLength = 80): string {
  const ascii = text
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = ascii
    .replace(/['’]/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  // Cut on a word boundary so a long title does not end in half a word.
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/g, '');
}

/** True when the value is already a valid slug (what editors may type by hand). */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}
