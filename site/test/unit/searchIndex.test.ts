/** Building the search index fails loudly, naming the page, on anything that would make search lie. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { buildSearchIndex } from '../../src/integrations/searchIndex';

type PageOptions = { lang?: string; body?: boolean; noindex?: boolean; meta?: string[]; text?: 'own' | 'fr' | null };

function fichePage({
  lang = 'fr',
  body = true,
  noindex = false,
  meta = ['title', 'summary', 'type', 'updated'],
  text = noindex ? 'fr' : 'own',
}: PageOptions = {}): string {
  const has = (key: string) => meta.includes(key);
  return `<!doctype html><html lang="${lang}"><head><title>t</title>${noindex ? '<meta name="robots" content="noindex">' : ''}</head><body>
    <header>Passerelle</header>
    <article${body ? ' data-pagefind-body' : ''}>
      <p><span${has('type') ? ' data-pagefind-meta="type"' : ''}>Démarche</span></p>
      <h1${has('title') ? ' data-pagefind-meta="title"' : ''}>Obtenir sa carte Vitale</h1>
      <p${has('summary') ? ' data-pagefind-meta="summary"' : ''}>La carte verte de l’Assurance Maladie.</p>
      <p><time datetime="2025-03-01T00:00:00.000Z"${has('updated') ? ' data-pagefind-meta="updated[datetime], updatedLabel"' : ''}>Mis à jour le 1er mars 2025</time></p>
      <div hidden data-pagefind-ignore data-pagefind-sort="title:collated"></div>
      <div hidden><span data-pagefind-filter="theme:health"></span>${text ? `<span data-pagefind-filter="text:${text}"></span>` : ''}</div>
    </article></body></html>`;
}

let site: string | undefined;

async function siteWith(pages: Record<string, string>): Promise<string> {
  site = await mkdtemp(path.join(tmpdir(), 'passerelle-search-'));
  for (const [file, html] of Object.entries(pages)) {
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), html);
  }
  return site;
}

afterEach(async () => {
  if (site) await rm(site, { recursive: true, force: true });
  site = undefined;
});

describe('buildSearchIndex', () => {
  it('indexes fiche pages per language, French fallbacks included, and leaves other pages out', async () => {
    const dir = await siteWith({
      'fr/demarches/carte-vitale/index.html': fichePage(),
      'ar/demarches/carte-vitale/index.html': fichePage({ lang: 'ar' }),
      'fa/demarches/carte-vitale/index.html': fichePage({ lang: 'fa', noindex: true }),
      'fr/index.html': '<!doctype html><html lang="fr"><body><h1>Accueil</h1></body></html>',
    });
    const report = await buildSearchIndex(dir);
    expect(report.map(({ language, pages }) => [language, pages])).toEqual([
      ['fr', 1],
      ['ar', 1],
      ['fa', 1],
    ]);
    const entry = JSON.parse(await readFile(path.join(dir, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, unknown>;
    };
    expect(Object.keys(entry.languages).sort()).toEqual(['ar', 'fa', 'fr']);
  });

  it.each<[string, PageOptions, RegExp]>([
    [
      'a page whose language is not its URL language',
      { lang: 'en' },
      /fr\/demarches\/carte-vitale\/index\.html: <html lang="en">/,
    ],
    [
      'an indexable fiche page without a search body',
      { body: false },
      /fr\/demarches\/carte-vitale\/index\.html: a fiche page without data-pagefind-body/,
    ],
    [
      'a fallback page marked as translated',
      { noindex: true, text: 'own' },
      /a noindex \(fallback\) page marked text:own, not text:fr/,
    ],
    ['a translated page marked as French-only', { text: 'fr' }, /a translated page marked text:fr, not text:own/],
    ['a page not marked at all', { text: null }, /a translated page marked with no text filter, not text:own/],
    [
      'a page without a summary for its result',
      { meta: ['title', 'type', 'updated'] },
      /fr\/demarches\/carte-vitale\/index\.html: no summary for search results/,
    ],
  ])('fails on %s', async (_name, options, error) => {
    const dir = await siteWith({ 'fr/demarches/carte-vitale/index.html': fichePage(options) });
    await expect(buildSearchIndex(dir)).rejects.toThrow(error);
  });
});
