/**
 * An ASCII, lower-case, hyphenated slug from any text ("Obtenir sa carte Vitale" →
 * "obtenir-sa-carte-vitale"). Letters with diacritics lose them; ligatures are spelled out.
 */
/** Longest slug: a URL segment and a folder name in the build, far below file-system limits. */
export const slugMaxLength = 80;

export function slugify(text: string, maxLength = slugMaxLength): string {
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
  return value.length <= slugMaxLength && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}
