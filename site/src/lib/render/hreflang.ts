import { absoluteUrl, defaultLocale, localeCodes, type Locale } from '@passerelle/content-schemas';

export type AlternateLink = { hreflang: Locale | 'x-default'; href: string };

/**
 * `<link rel="alternate" hreflang>` entries for a page that exists in `available` languages:
 * one per real translation, in the site's language order, plus `x-default` pointing to French.
 * Pages that only show French under a notice are not translations and must not be listed.
 */
export function alternateLinks(
  siteUrl: string,
  available: readonly Locale[],
  pathFor: (locale: Locale) => string,
): AlternateLink[] {
  if (!available.includes(defaultLocale)) throw new Error('Every page exists in French, the source language');
  const links: AlternateLink[] = localeCodes
    .filter((locale) => available.includes(locale))
    .map((locale) => ({ hreflang: locale, href: absoluteUrl(siteUrl, pathFor(locale)) }));
  links.push({ hreflang: 'x-default', href: absoluteUrl(siteUrl, pathFor(defaultLocale)) });
  return links;
}
