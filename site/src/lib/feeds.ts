/**
 * Atom 1.0 feeds of updated fiches, per language (`/{lang}/flux.xml`) and per theme
 * (`/{lang}/themes/{theme}/flux.xml`), for partner sites and feed readers: newest change first,
 * each entry with its change date, title, summary, link and the editors' change note when the
 * latest publication carried one. Texts not translated are marked `xml:lang="fr"`.
 */
import { absoluteUrl, changeNoteIn, lastChangeOf, sitePaths, type Locale, type Theme } from '@passerelle/content-schemas';
import { chooseContentLocale, textIn } from './render/fallback';

import { fichesOfTheme, latestUpdate, type Catalog, type CatalogFiche } from './catalog';
import { translator } from './i18n';
import { formatDate } from './infocards';
import { escapeXml } from './xml';

/** Readers poll feeds: 50 entries cover months of changes and keep the file small. */
export const feedEntryLimit = 50;

/** The tag URI's date: fixed, so entry ids never change, whatever becomes of the fiche's slug or type. */
const entryIdDate = '2026';

export type FeedLink = { href: string; title: string };

/** `xml:lang` on an element whose text is not in the feed's language. */
function langAttribute(textLocale: Locale, feedLocale: Locale): string {
  return textLocale === feedLocale ? '' : ` xml:lang="${textLocale}"`;
}

const feedOrderByList = new WeakMap<readonly CatalogFiche[], readonly CatalogFiche[]>();

/**
 * The newest real changes first (a check, « vérifiée, rien n'a changé », is not news); ties by
 * id so the file is the same from one build to the next.
 */
export function fichesForFeed(fiches: readonly CatalogFiche[]): readonly CatalogFiche[] {
  // The same lists (the catalog's, each theme's) make a feed in every language: sorted once each,
  // each fiche's last change worked out once rather than at every comparison.
  let sorted = feedOrderByList.get(fiches);
  if (!sorted) {
    sorted = fiches
      .map((fiche) => ({ fiche, changed: Date.parse(lastChangeOf(fiche)) }))
      .sort((a, b) => b.changed - a.changed || a.fiche.id.localeCompare(b.fiche.id))
      .slice(0, feedEntryLimit)
      .map(({ fiche }) => fiche);
    feedOrderByList.set(fiches, sorted);
  }
  return sorted;
}

/**
 * A stable entry id: a tag URI (RFC 4151) on the site's host, from the fiche's permanent short
 * id and the feed language — the page URL would change with the slug.
 */
export function feedEntryId(siteUrl: string, fiche: Pick<CatalogFiche, 'shortId'>, locale: Locale): string {
  return `tag:${new URL(siteUrl).hostname},${entryIdDate}:fiche/${fiche.shortId}/${locale}`;
}

function entryXml(fiche: CatalogFiche, locale: Locale, siteUrl: string): string {
  const t = translator(locale);
  const { content } = chooseContentLocale(fiche.translatedLocales, locale);
  const title = textIn(fiche.title, content);
  const summary = textIn(fiche.summary, content);
  if (!title) throw new Error(`fiches ${fiche.id}: no title for the ${locale} feed`);
  const href = absoluteUrl(siteUrl, sitePaths.fiche(locale, fiche));
  const note = changeNoteIn(fiche, locale);
  const lines = [
    '<entry>',
    `<id>${escapeXml(feedEntryId(siteUrl, fiche, locale))}</id>`,
    `<title${langAttribute(title.locale, locale)}>${escapeXml(title.value)}</title>`,
    `<updated>${lastChangeOf(fiche)}</updated>`,
    `<published>${fiche.createdAt}</published>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`,
    `<category term="${fiche.type}" label="${escapeXml(t(`fiche.type.${fiche.type}`))}"/>`,
  ];
  if (summary) lines.push(`<summary${langAttribute(summary.locale, locale)}>${escapeXml(summary.value)}</summary>`);
  if (note) {
    // The note in the content, as readers show it, and its date: it belongs to that publication.
    const noteHeading = t('feed.changeNote', { date: formatDate(locale, note.date) });
    const paragraphs = [
      summary ? `<p${langAttribute(summary.locale, locale)}>${escapeXml(summary.value)}</p>` : '',
      `<p><strong>${escapeXml(noteHeading)}</strong></p>`,
      `<p${langAttribute(note.locale, locale)}>${escapeXml(note.text)}</p>`,
    ];
    lines.push(`<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${paragraphs.join('')}</div></content>`);
  }
  lines.push('</entry>');
  return lines.join('\n');
}

type FeedInput = {
  locale: Locale;
  siteUrl: string;
  title: string;
  subtitle: string;
  /** The page the feed follows (home or theme page). */
  pagePath: string;
  feedPath: string;
  fiches: readonly CatalogFiche[];
  /** When no fiche is listed, the feed's `updated` falls back to these documents' dates. */
  fallbackUpdated: readonly { updatedAt: string }[];
};

export function atomFeed({ locale, siteUrl, title, subtitle, pagePath, feedPath, fiches, fallbackUpdated }: FeedInput): string {
  const entries = fichesForFeed(fiches);
  const updated = latestUpdate(entries.map((entry) => ({ updatedAt: lastChangeOf(entry) }))) ?? latestUpdate(fallbackUpdated);
  if (!updated) throw new Error(`${feedPath}: no date to give the feed`);
  const feedUrl = absoluteUrl(siteUrl, feedPath);
  const t = translator(locale);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `<id>${escapeXml(feedUrl)}</id>`,
    `<title>${escapeXml(title)}</title>`,
    `<subtitle>${escapeXml(subtitle)}</subtitle>`,
    `<updated>${updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(siteUrl, pagePath))}"/>`,
    `<author><name>${escapeXml(t('site.name'))}</name><uri>${escapeXml(absoluteUrl(siteUrl, sitePaths.home(locale)))}</uri></author>`,
    `<icon>${escapeXml(absoluteUrl(siteUrl, '/favicon.svg'))}</icon>`,
    ...entries.map((fiche) => entryXml(fiche, locale, siteUrl)),
    '</feed>',
    '',
  ].join('\n');
}

export function languageFeed(catalog: Catalog, locale: Locale, siteUrl: string): string {
  const t = translator(locale);
  return atomFeed({
    locale,
    siteUrl,
    title: t('feed.title'),
    subtitle: t('feed.subtitle'),
    pagePath: sitePaths.home(locale),
    feedPath: sitePaths.feed(locale),
    fiches: catalog.fiches,
    fallbackUpdated: catalog.themes,
  });
}

export function themeFeed(catalog: Catalog, theme: Theme, locale: Locale, siteUrl: string): string {
  const t = translator(locale);
  const name = textIn(theme.name, locale)?.value ?? theme.slug;
  return atomFeed({
    locale,
    siteUrl,
    title: t('feed.themeTitle', { theme: name }),
    subtitle: t('feed.subtitle'),
    pagePath: sitePaths.theme(locale, theme.slug),
    feedPath: sitePaths.themeFeed(locale, theme.slug),
    fiches: fichesOfTheme(catalog, theme),
    fallbackUpdated: [theme],
  });
}

/**
 * The feeds a page announces with `<link rel="alternate" type="application/atom+xml">`: the
 * language's feed on its home page; on a theme page the theme's feed, then the language's.
 * Read from the page's canonical path, so every page gets them without a prop of its own.
 */
export function feedLinksFor(
  locale: Locale,
  canonicalPath: string,
  themes: readonly { slug: string; name: string }[],
): FeedLink[] {
  const t = translator(locale);
  const languageFeedLink = { href: sitePaths.feed(locale), title: t('feed.title') };
  if (canonicalPath === sitePaths.home(locale)) return [languageFeedLink];
  const theme = themes.find((candidate) => sitePaths.theme(locale, candidate.slug) === canonicalPath);
  if (!theme) return [];
  return [
    { href: sitePaths.themeFeed(locale, theme.slug), title: t('feed.themeTitle', { theme: theme.name }) },
    languageFeedLink,
  ];
}
