/**
 * What partner sites read from the fixture build: the open data files, the Atom feeds and the
 * embed lists — checked against the fixtures they were made from, with a real XML parser and
 * the zod schema of the open data format.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import {
  absoluteUrl,
  changeNoteIn,
  directionOf,
  localeCodes,
  OpenDataSchema,
  parseDocuments,
  sitePaths,
  type Locale,
  type Theme,
} from '@passerelle/content-schemas';

import { embedAllThemes } from '../../src/lib/embed';
import { distFiles, fixtureFiche, fixtureFiches, page } from '../helpers/dist';
import { fixtureSnapshotDir, testDistDir, testSiteUrl } from '../helpers/paths';

/** src/lib/feeds.ts `feedEntryLimit` (that module reads the content layer, which only exists in a build). */
const feedEntryLimit = 50;
const readDist = (urlPath: string) => readFileSync(path.join(testDistDir, urlPath.slice(1)), 'utf8');
const fiches = fixtureFiches();
const themes: Theme[] = parseDocuments('themes', JSON.parse(readFileSync(path.join(fixtureSnapshotDir, 'themes.json'), 'utf8')));
const themeOf = (slug: string) => {
  const theme = themes.find((candidate) => candidate.slug === slug);
  if (!theme) throw new Error(`No fixture theme ${slug}`);
  return theme;
};
const fichesOfTheme = (theme: Theme) =>
  fiches.filter((fiche) => fiche.primaryTheme === theme.id || (fiche.secondaryThemes ?? []).includes(theme.id));

type AtomText = string | { '#text': string; 'xml:lang'?: string };
type AtomEntry = {
  id: string;
  title: AtomText;
  updated: string;
  published: string;
  summary?: AtomText;
  link: { rel: string; href: string; type: string };
  content?: { type: string; div: { p: AtomParagraph[] } };
};
type AtomFeed = {
  feed: {
    'xml:lang': string;
    xmlns: string;
    id: string;
    title: string;
    updated: string;
    link: { rel: string; href: string; type: string }[];
    author: { name: string; uri: string };
    entry?: AtomEntry[];
  };
};

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['entry', 'link', 'p'].includes(name),
});

function feed(urlPath: string): AtomFeed['feed'] {
  const text = readDist(urlPath);
  expect(XMLValidator.validate(text), urlPath).toBe(true);
  return (xml.parse(text) as AtomFeed).feed;
}
type AtomParagraph = AtomText | { strong: string };
const text = (value: AtomParagraph | undefined) =>
  typeof value === 'object' ? ('strong' in value ? value.strong : value['#text']) : value;
const lang = (value: AtomParagraph | undefined) =>
  typeof value === 'object' && 'xml:lang' in value ? value['xml:lang'] : undefined;
const entryOf = (entries: AtomEntry[] | undefined, fiche: { shortId: string }) =>
  entries?.find((entry) => entry.id.includes(`fiche/${fiche.shortId}/`));

describe('the Atom feed of each language', () => {
  it.each(localeCodes)('%s: valid Atom 1.0 with id, title, updated, self and alternate links, author, xml:lang', (locale) => {
    const parsed = feed(sitePaths.feed(locale));
    expect(parsed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(parsed['xml:lang']).toBe(locale);
    expect(parsed.id).toBe(absoluteUrl(testSiteUrl, sitePaths.feed(locale)));
    expect(parsed.title).toBeTruthy();
    expect(parsed.link).toContainEqual({
      rel: 'self',
      type: 'application/atom+xml',
      href: absoluteUrl(testSiteUrl, sitePaths.feed(locale)),
    });
    expect(parsed.link).toContainEqual({
      rel: 'alternate',
      type: 'text/html',
      href: absoluteUrl(testSiteUrl, sitePaths.home(locale)),
    });
    expect(parsed.author.name).toBe('Passerelle');
    const newest = [...fiches].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    expect(parsed.updated).toBe(newest[0]?.updatedAt);
  });

  it.each(localeCodes)(
    '%s: every fiche, newest change first, under the cap, with stable unique ids and links to the page',
    (locale) => {
      const entries = feed(sitePaths.feed(locale)).entry ?? [];
      expect(entries.length).toBe(Math.min(fiches.length, feedEntryLimit));
      const updated = entries.map((entry) => Date.parse(entry.updated));
      expect(updated).toEqual([...updated].sort((a, b) => b - a));
      expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
      for (const fiche of fiches) {
        const entry = entryOf(entries, fiche);
        expect(entry?.id).toBe(`tag:passerelle.example,2026:fiche/${fiche.shortId}/${locale}`);
        expect(entry?.updated).toBe(fiche.updatedAt);
        expect(entry?.link).toEqual([
          { rel: 'alternate', type: 'text/html', href: absoluteUrl(testSiteUrl, sitePaths.fiche(locale, fiche)) },
        ]);
        const translated = fiche.translatedLocales.includes(locale);
        expect(text(entry?.title)).toBe(translated ? fiche.title[locale] : fiche.title.fr);
        expect(lang(entry?.title)).toBe(translated ? undefined : 'fr');
        expect(text(entry?.summary)).toBe(translated ? fiche.summary[locale] : fiche.summary.fr);
      }
    },
  );

  it('carries a translated change note, dated, in the language of the feed', () => {
    const carteVitale = fixtureFiche('carte-vitale');
    const content = entryOf(feed(sitePaths.feed('en')).entry, carteVitale)?.content;
    expect(content?.type).toBe('xhtml');
    const paragraphs = content?.div.p ?? [];
    expect(paragraphs.map(text)).toEqual([
      carteVitale.summary.en,
      'What changed (published on 27 November 2026):',
      carteVitale.changeNote?.en,
    ]);
  });

  it('carries the French note, marked xml:lang="fr", where it is not translated (RTL feed)', () => {
    const permanence = fixtureFiche('permanence-sante-exil');
    const paragraphs = entryOf(feed(sitePaths.feed('ar')).entry, permanence)?.content?.div.p ?? [];
    const note = paragraphs.at(-1);
    expect(text(note)).toBe(permanence.changeNote?.fr);
    expect(lang(note)).toBe('fr');
    expect(JSON.stringify(paragraphs)).toContain('2026');
  });

  it('gives no content to entries whose fiche has no dated note', () => {
    const withoutNote = fiches.filter((fiche) => changeNoteIn(fiche, 'fr') === undefined);
    expect(withoutNote.length).toBeGreaterThan(0);
    for (const fiche of withoutNote) expect(entryOf(feed(sitePaths.feed('fr')).entry, fiche)?.content).toBeUndefined();
  });
});

describe('the Atom feed of each theme', () => {
  it.each(themes.flatMap((theme) => (['fr', 'ar'] as Locale[]).map((locale) => [theme.slug, locale] as const)))(
    '%s in %s: valid, only the theme’s fiches',
    (slug, locale) => {
      const theme = themeOf(slug);
      const parsed = feed(sitePaths.themeFeed(locale, slug));
      expect(parsed.link).toContainEqual({
        rel: 'self',
        type: 'application/atom+xml',
        href: absoluteUrl(testSiteUrl, sitePaths.themeFeed(locale, slug)),
      });
      expect(parsed.link).toContainEqual({
        rel: 'alternate',
        type: 'text/html',
        href: absoluteUrl(testSiteUrl, sitePaths.theme(locale, slug)),
      });
      expect((parsed.entry ?? []).map((entry) => entry.id).sort()).toEqual(
        fichesOfTheme(theme)
          .map((fiche) => `tag:passerelle.example,2026:fiche/${fiche.shortId}/${locale}`)
          .sort(),
      );
    },
  );

  it('exists for every theme in every language', () => {
    for (const theme of themes)
      for (const locale of localeCodes) expect(() => readDist(sitePaths.themeFeed(locale, theme.slug))).not.toThrow();
  });
});

describe('feed discovery', () => {
  it.each(['fr', 'ar'] as const)('the %s home page announces its language feed; theme pages the theme feed first', (locale) => {
    const home = page(sitePaths.home(locale)).document.querySelectorAll('head link[type="application/atom+xml"]');
    expect(home.map((link) => link.getAttribute('href'))).toEqual([absoluteUrl(testSiteUrl, sitePaths.feed(locale))]);
    const theme = page(sitePaths.theme(locale, 'health')).document;
    expect(
      theme.querySelectorAll('head link[rel="alternate"][type="application/atom+xml"]').map((link) => link.getAttribute('href')),
    ).toEqual([
      absoluteUrl(testSiteUrl, sitePaths.themeFeed(locale, 'health')),
      absoluteUrl(testSiteUrl, sitePaths.feed(locale)),
    ]);
    expect(theme.querySelector(`main a[href="${sitePaths.themeFeed(locale, 'health')}"]`)?.text.trim()).toBeTruthy();
    expect(theme.querySelector(`footer a[href="${sitePaths.feed(locale)}"]`)).not.toBeNull();
    expect(theme.querySelector(`footer a[href="${sitePaths.openData(locale)}"]`)).not.toBeNull();
    expect(theme.querySelector(`footer a[href="${sitePaths.embedBuilder()}"]`)).not.toBeNull();
  });

  it('fiche pages announce no feed', () => {
    expect(
      page(sitePaths.fiche('fr', fixtureFiche('carte-vitale'))).document.querySelectorAll('link[type="application/atom+xml"]'),
    ).toHaveLength(0);
  });
});

describe('the open data files', () => {
  it.each(localeCodes)('%s: matches OpenDataSchema', (locale) => {
    const result = OpenDataSchema.safeParse(JSON.parse(readDist(sitePaths.openData(locale))));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(localeCodes)('%s: lists every fixture fiche with its texts, language, addresses and note', (locale) => {
    const data = OpenDataSchema.parse(JSON.parse(readDist(sitePaths.openData(locale))));
    expect(data.lang).toBe(locale);
    expect(data.feed).toBe(absoluteUrl(testSiteUrl, sitePaths.feed(locale)));
    expect(data.fiches.map((fiche) => fiche.id).sort()).toEqual(fiches.map((fiche) => fiche.id).sort());
    for (const fiche of fiches) {
      const entry = data.fiches.find((candidate) => candidate.id === fiche.id);
      const translated = fiche.translatedLocales.includes(locale);
      expect(entry).toMatchObject({
        shortId: fiche.shortId,
        type: fiche.type,
        translated,
        title: { text: translated ? fiche.title[locale] : fiche.title.fr, lang: translated ? locale : 'fr' },
        summary: { lang: translated ? locale : 'fr' },
        urls: {
          page: absoluteUrl(testSiteUrl, sitePaths.fiche(locale, fiche)),
          french: absoluteUrl(testSiteUrl, sitePaths.fiche('fr', fiche)),
          shortLink: absoluteUrl(testSiteUrl, sitePaths.shortLink(fiche.shortId)),
        },
        infocards: { location: fiche.infocards.location },
        updatedAt: fiche.updatedAt,
      });
      expect(entry?.primaryTheme).toBe(themes.find((theme) => theme.id === fiche.primaryTheme)?.slug);
      const note = changeNoteIn(fiche, locale);
      expect(entry?.changeNote).toEqual(note ? { text: note.text, lang: note.locale, date: note.date } : null);
    }
  });

  it('gives the translated note in English and the French one in Arabic', () => {
    const find = (locale: Locale, slug: string) =>
      OpenDataSchema.parse(JSON.parse(readDist(sitePaths.openData(locale)))).fiches.find((fiche) =>
        fiche.urls.french.includes(`/${slug}/`),
      );
    expect(find('en', 'carte-vitale')?.changeNote?.lang).toBe('en');
    expect(find('ar', 'carte-vitale')?.changeNote?.lang).toBe('fr');
  });

  it('the schema refuses a file whose "translated" flag contradicts its texts', () => {
    const data = JSON.parse(readDist(sitePaths.openData('ar'))) as { fiches: { translated: boolean }[] };
    const first = data.fiches[0];
    if (!first) throw new Error('no fiche');
    first.translated = !first.translated;
    expect(OpenDataSchema.safeParse(data).success).toBe(false);
  });
});

describe('the embed lists', () => {
  const embedPaths = localeCodes.flatMap((locale) => [
    sitePaths.embedList(locale),
    ...themes.map((theme) => sitePaths.embedList(locale, theme.slug)),
  ]);

  it('exist for every language and theme, plus "all themes"', () => {
    expect(sitePaths.embedList('fr')).toBe(`/embed/fr/${embedAllThemes}/`);
    for (const urlPath of embedPaths) expect(() => page(urlPath)).not.toThrow();
  });

  it.each(['fr', 'ar'] as const)(
    '%s: lang and dir, noindex, links open in a new tab, no header, footer or third party',
    (locale) => {
      const { document } = page(sitePaths.embedList(locale, 'health'));
      const html = document.querySelector('html');
      expect(html?.getAttribute('lang')).toBe(locale);
      expect(html?.getAttribute('dir')).toBe(directionOf(locale));
      expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
      expect(document.querySelector('base')?.getAttribute('target')).toBe('_blank');
      expect(document.querySelectorAll('header, footer, nav, form')).toHaveLength(0);
      const external = [...document.querySelectorAll('[src], link[rel=stylesheet], link[rel=preload], link[rel=modulepreload]')]
        .map((element) => element.getAttribute('src') ?? element.getAttribute('href') ?? '')
        .filter((url) => /^(https?:)?\/\//.test(url));
      expect(external).toEqual([]);
    },
  );

  it('lists the theme’s fiches with their scope and départements for the filter', () => {
    const health = themeOf('health');
    const items = page(sitePaths.embedList('ar', 'health')).document.querySelectorAll('li[data-scope]');
    expect(items.map((item) => item.querySelector('a')?.getAttribute('href')).sort()).toEqual(
      fichesOfTheme(health)
        .map((fiche) => sitePaths.fiche('ar', fiche))
        .sort(),
    );
    const permanence = items.find(
      (item) => item.querySelector('a')?.getAttribute('href') === sitePaths.fiche('ar', fixtureFiche('permanence-sante-exil')),
    );
    expect(permanence?.getAttribute('data-scope')).toBe('departements');
    expect(permanence?.getAttribute('data-departements')).toBe('31');
  });

  it('marks French fallbacks with lang="fr"', () => {
    const puma = fixtureFiche('protection-universelle-maladie');
    const link = page(sitePaths.embedList('fa', 'health')).document.querySelector(`a[href="${sitePaths.fiche('fa', puma)}"]`);
    expect(link?.getAttribute('lang')).toBe('fr');
    expect(link?.text.trim()).toBe(puma.title.fr);
  });

  it('are in no sitemap, and neither are feeds, open data or the builder', () => {
    const sitemaps = distFiles('.xml')
      .filter((file) => file.startsWith('sitemap-'))
      .map((file) => readFileSync(path.join(testDistDir, file), 'utf8'))
      .join('\n');
    expect(sitemaps).not.toMatch(/\/embed\/|flux\.xml|fiches\.json/);
  });
});

describe('the builder page', () => {
  it('starts with a working snippet for French, all themes, the whole of France, and links the partner documentation', () => {
    const { document } = page(sitePaths.embedBuilder());
    const snippet = document.querySelector('textarea[data-embed-snippet]');
    expect(snippet?.hasAttribute('readonly')).toBe(true);
    expect(snippet?.text).toContain(`src="${absoluteUrl(testSiteUrl, sitePaths.embedList('fr'))}"`);
    expect(document.querySelector('[data-embed-copy-status]')?.getAttribute('role')).toBe('status');
    expect(document.querySelector(`a[href="${sitePaths.embedDocumentation()}"]`)).not.toBeNull();
    expect(readDist(sitePaths.embedDocumentation())).toContain('?departement=');
  });
});
