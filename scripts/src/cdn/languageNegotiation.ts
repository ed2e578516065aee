/**
 * Language negotiation, Netlify only (a `Language=` condition, forced): `/` and a short link
 * `/f/{shortId}/` go straight to the reader's language when the site, or the fiche, is in it.
 * Cloudflare ignores these rules line by line: the static language-chooser pages answer instead.
 */
import { localeCodes, sitePaths, type Fiche } from '@passerelle/content-schemas';

import type { RedirectRule } from './redirects';

/**
 * The reader's first choice in `Accept-Language` (highest q, then order), reduced to its primary
 * subtag. Only the first choice counts: a reader who prefers a language the site lacks gets the
 * language chooser rather than a guess.
 */
export function preferredLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.split('-')[0];
}

/** The language redirects of the short links and of the language chooser. */
export function languageRedirects(fiches: readonly Fiche[]): RedirectRule[] {
  const rules: RedirectRule[] = [];
  const add = (rule: RedirectRule) => rules.push(rule);
  // Straight to the fiche in the reader's language when it is translated into it.
  for (const fiche of fiches) {
    for (const locale of fiche.translatedLocales) {
      for (const from of [`/f/${fiche.shortId}`, sitePaths.shortLink(fiche.shortId)]) {
        add({ from, to: sitePaths.fiche(locale, fiche), status: 302, force: true, conditions: { Language: [locale] } });
      }
    }
  }
  for (const locale of localeCodes) {
    add({
      from: sitePaths.languageChooser(),
      to: sitePaths.home(locale),
      status: 302,
      force: true,
      conditions: { Language: [locale] },
    });
  }
  return rules;
}
