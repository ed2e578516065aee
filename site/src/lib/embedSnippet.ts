/**
 * The iframe a partner pastes into their page, shared by the builder page (its first, static
 * value) and the builder script (every change). Kept free of other imports: it ships to browsers.
 */
import { sitePaths } from '@passerelle/content-schemas/transforms/urls';
import type { Locale } from '@passerelle/content-schemas';

export type EmbedChoice = {
  siteUrl: string;
  locale: Locale;
  /** A theme slug, or undefined for every theme. */
  theme: string | undefined;
  /** A département code (`31`, `2A`), or undefined for the whole of France. */
  departement: string | undefined;
  /** The iframe's accessible name, in the embed's language. */
  title: string;
};

/** `?departement=` is read by the embed page's filter script; the path alone lists the whole theme. */
export function embedUrl({ siteUrl, locale, theme, departement }: Omit<EmbedChoice, 'title'>): string {
  const url = new URL(sitePaths.embedList(locale, theme).slice(1), siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  if (departement) url.searchParams.set('departement', departement);
  return url.href;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * No inline style, so it works under the partner's own CSP. The sandbox keeps our page from
 * navigating theirs; it may run its filter script and open fiches in a new tab.
 */
export function embedSnippet(choice: EmbedChoice): string {
  return [
    `<iframe src="${escapeAttribute(embedUrl(choice))}"`,
    ` title="${escapeAttribute(choice.title)}"`,
    ' width="100%" height="600" loading="lazy"',
    ' sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"',
    '></iframe>',
  ].join('');
}
