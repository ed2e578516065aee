/** Building the search index fails loudly, naming the page, on anything that would make search lie. */
import { cp, link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  buildSearchIndex,
  mergeBundles,
  searchRecordArguments,
  withoutHead,
  type SearchRecord,
} from '../../src/integrations/searchIndex';

type PageOptions = {
  lang?: string;
  body?: boolean;
  noindex?: boolean;
  meta?: string[];
  text?: 'own' | 'fr' | null;
  /** Words of the page's own, so that pages differ. */
  words?: string;
  /** Everything in the search body ignored: Pagefind has no words to index. */
  wordless?: boolean;
  title?: string;
};

function fichePage({
  lang = 'fr',
  body = true,
  noindex = false,
  meta = ['title', 'summary', 'type', 'updated'],
  text = noindex ? 'fr' : 'own',
  words = '',
  wordless = false,
  title = 'Obtenir sa carte Vitale',
}: PageOptions = {}): string {
  const has = (key: string) => meta.includes(key);
  return `<!doctype html><html lang="${lang}"><head><title>t</title>${noindex ? '<meta name="robots" content="noindex">' : ''}</head><body>
    <header>Passerelle</header>
    <article${body ? ' data-pagefind-body' : ''}><div${wordless ? ' data-pagefind-ignore' : ''}>
      <p><span${has('type') ? ' data-pagefind-meta="type"' : ''}>Démarche</span></p>
      <h1${has('title') ? ' data-pagefind-meta="title"' : ''}>${title}</h1>
      <p${has('summary') ? ' data-pagefind-meta="summary"' : ''}>La carte verte de l’Assurance Maladie.</p>
      <h2 id="etapes">Étapes</h2><p>${words}</p>
      <p><time datetime="2025-03-01T00:00:00.000Z"${has('updated') ? ' data-pagefind-meta="updated[datetime], updatedLabel"' : ''}>Mis à jour le 1er mars 2025</time></p>
      <div hidden data-pagefind-ignore data-pagefind-sort="title:collated"></div>
      <div hidden><span data-pagefind-filter="theme:health"></span>${text ? `<span data-pagefind-filter="text:${text}"></span>` : ''}</div>
    </div></article></body></html>`;
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
      'a page with no words to index, which Pagefind would leave out of its index',
      { wordless: true },
      /The search index holds nothing, not the pages given: fr:1; left out: fr\/demarches\/carte-vitale\/index\.html/,
    ],
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

/** Every file of a bundle folder, by path, with its bytes. */
async function bundleFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = await readdir(path.join(dir, 'pagefind'), { recursive: true, withFileTypes: true });
  const bytes = new Map<string, Buffer>();
  for (const file of files.filter((entry) => entry.isFile())) {
    const full = path.join(file.parentPath, file.name);
    bytes.set(path.relative(path.join(dir, 'pagefind'), full), await readFile(full));
  }
  return bytes;
}

describe('the search index over several Pagefind services', () => {
  it('is the same, index chunks and fragments byte for byte, whichever the number of services', async () => {
    const words = ['assurance maladie carte', 'logement loyer aide', 'école inscription enfant', 'travail emploi contrat'];
    const pages: Record<string, string> = {};
    for (const lang of ['fr', 'en', 'ar', 'fa', 'uk'])
      for (const [index, text] of words.entries())
        pages[`${lang}/demarches/fiche-${index}/index.html`] = fichePage({
          lang,
          words: `${text} ${lang} ${index}`,
          noindex: lang === 'fa' && index > 1,
        });
    const dir = await siteWith(pages);
    const built = [];
    for (const services of [1, 3]) {
      const report = await buildSearchIndex(dir, { services });
      expect(report.map(({ language, pages }) => `${language}:${pages}`)).toEqual(['fr:4', 'en:4', 'ar:4', 'fa:4', 'uk:4']);
      built.push(await bundleFiles(dir));
    }
    const [one, ...others] = built;
    // Pagefind writes the metadata, filter and entry files in another order on every run (declared build stamps).
    const exact = (bundle = new Map<string, Buffer>()) =>
      [...bundle].filter(([file]) => /^(index|fragment)[/]|\.js$|\.pagefind$/.test(file)).sort(([a], [b]) => a.localeCompare(b));
    const stamps = (bundle = new Map<string, Buffer>()) =>
      [...bundle.keys()]
        .filter((file) => !/^(index|fragment)[/]|\.js$|\.pagefind$/.test(file))
        .map((file) => file.replace(/_[0-9a-f]+\./, '_.'))
        .sort();
    expect(exact(one).length).toBeGreaterThan(20);
    for (const other of others) {
      expect(exact(other)).toEqual(exact(one));
      expect(stamps(other)).toEqual(stamps(one));
    }
    const entry = JSON.parse(one?.get('pagefind-entry.json')?.toString() ?? '{}') as {
      languages: Record<string, { page_count: number }>;
    };
    const merged = JSON.parse(others[0]?.get('pagefind-entry.json')?.toString() ?? '{}') as typeof entry;
    expect(Object.keys(merged.languages)).toEqual(['fr', 'en', 'ar', 'fa', 'uk']);
    for (const language of Object.keys(entry.languages)) expect(merged.languages[language]?.page_count).toBe(4);
  });

  it('refuses to merge services’ bundles that disagree on a shared file', () => {
    const file = (name: string, text: string) => ({ path: name, content: Buffer.from(text) });
    const entry = (language: string) =>
      file(
        'pagefind-entry.json',
        JSON.stringify({ version: '1.5.2', languages: { [language]: { page_count: 1 } }, include_characters: [] }),
      );
    expect(() =>
      mergeBundles([
        [file('pagefind.js', 'a'), entry('fr')],
        [file('pagefind.js', 'b'), entry('ar')],
      ]),
    ).toThrow(/Two Pagefind services wrote different pagefind\.js/);
    expect(() => mergeBundles([[entry('fr')], [entry('fr')]])).toThrow(/Two Pagefind services indexed the language fr/);
    const merged = mergeBundles([
      [file('pagefind.js', 'a'), entry('ar')],
      [file('pagefind.js', 'a'), entry('fr')],
    ]);
    expect(merged.map(({ path: name }) => name)).toEqual(['pagefind.js', 'pagefind-entry.json']);
    expect(Buffer.from(merged[1]?.content ?? []).toString()).toBe(
      '{"version":"1.5.2","languages":{"fr":{"page_count":1},"ar":{"page_count":1}},"include_characters":[]}',
    );
  });

  it('hands Pagefind a page without the inside of its head, unless the head holds something Pagefind reads', () => {
    const page = (head: string) => `<!doctype html><html lang="fr"><head>${head}</head><body><h1>Titre</h1></body></html>`;
    expect(withoutHead(page('<title>t</title><script type="application/ld+json">{}</script>'))).toBe(page(''));
    for (const kept of ['<meta data-pagefind-meta="image[content]" content="/a.png">', '<script id="start"></script>'])
      expect(withoutHead(page(kept))).toBe(page(kept));
  });
});

describe('an index made again from an earlier one', () => {
  const words = ['assurance maladie carte', 'logement loyer aide', 'école inscription enfant'];
  const titles = ['Bénéficier de', 'Demander', 'Inscrire'];
  /** A site of three fiches in fr, en and ar (the third French-only in ar), `change` applied to some pages. */
  const pagesOf = (change: (lang: string, index: number, options: PageOptions) => PageOptions = (_l, _i, options) => options) => {
    const pages: Record<string, string> = {};
    for (const lang of ['fr', 'en', 'ar'])
      for (const [index, text] of words.entries())
        pages[`${lang}/demarches/fiche-${index}/index.html`] = fichePage(
          change(lang, index, {
            lang,
            words: `${text} ${lang}`,
            title: `${titles[index]} ${text}`,
            noindex: lang === 'ar' && index === 2,
          }),
        );
    return pages;
  };
  const extra: string[] = [];
  afterEach(async () => {
    for (const dir of extra.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  /** The live site: indexed in full, its record written outside it. */
  async function liveSite(): Promise<{ dir: string; record: string }> {
    const dir = await siteWith(pagesOf());
    const record = `${dir}.search-index.json`;
    extra.push(record);
    await buildSearchIndex(dir, { recordTo: record });
    return { dir, record };
  }
  /** Another site folder with these pages. */
  async function otherSite(pages: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'passerelle-search-'));
    extra.push(dir);
    for (const [file, html] of Object.entries(pages)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), html);
    }
    return dir;
  }
  /** The bundle as a full index of the same pages would make it (stamps by count), and the bundle of `dir`. */
  async function expectFullIndexOf(dir: string): Promise<void> {
    const reference = await mkdtemp(path.join(tmpdir(), 'passerelle-search-'));
    extra.push(reference);
    await cp(dir, reference, { recursive: true });
    await buildSearchIndex(reference);
    const [ours, theirs] = [await bundleFiles(dir), await bundleFiles(reference)];
    const exact = (bundle: Map<string, Buffer>) =>
      [...bundle].filter(([file]) => /^(index|fragment)[/]|\.js$|\.pagefind$/.test(file)).sort(([a], [b]) => a.localeCompare(b));
    const stamps = (bundle: Map<string, Buffer>) =>
      [...bundle.keys()]
        .filter((file) => !/^(index|fragment)[/]|\.js$|\.pagefind$/.test(file))
        .map((file) => file.replace(/_[0-9a-f]+\./, '_.'))
        .sort();
    expect(exact(ours).length).toBeGreaterThan(10);
    expect(exact(ours)).toEqual(exact(theirs));
    expect(stamps(ours)).toEqual(stamps(theirs));
    const counts = (bundle: Map<string, Buffer>) =>
      Object.entries(
        (
          JSON.parse(bundle.get('pagefind-entry.json')?.toString() ?? '{}') as {
            languages: Record<string, { page_count: number }>;
          }
        ).languages,
      ).map(([language, { page_count }]) => `${language}:${page_count}`);
    expect(counts(ours)).toEqual(counts(theirs));
  }
  const reusedOf = (report: { language: string; reused: boolean }[]) =>
    report.filter(({ reused }) => reused).map(({ language }) => language);

  it('records each language’s search input digest and files, outside the site', async () => {
    const { dir, record } = await liveSite();
    const written = JSON.parse(await readFile(record, 'utf8')) as SearchRecord;
    expect(Object.keys(written.languages).sort()).toEqual(['ar', 'en', 'fr']);
    const files = [...(await bundleFiles(dir)).keys()].filter((file) => file !== 'pagefind-entry.json').sort();
    const recorded = [...written.shared, ...Object.values(written.languages).flatMap((language) => language.files)].sort();
    expect(recorded).toEqual(files);
    for (const [language, { files: own, digest }] of Object.entries(written.languages)) {
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      for (const file of own) expect(file, language).toMatch(new RegExp(`(^|[/.])${language}_|\\.${language}\\.pagefind$`));
    }
    expect(written.shared.sort()).toEqual(['pagefind-worker.js', 'pagefind.js', 'wasm.unknown.pagefind']);
  });

  it('takes every language whose pages did not change from the earlier index, as hard links', async () => {
    const { dir: live, record } = await liveSite();
    const dir = await otherSite(
      pagesOf((lang, index, options) => (lang === 'en' && index === 1 ? { ...options, words: 'loyer impayé' } : options)),
    );
    const lines: string[] = [];
    const report = await buildSearchIndex(dir, {
      reuse: { deployDir: live, record },
      recordTo: `${dir}.json`,
      log: (line) => lines.push(line),
    });
    extra.push(`${dir}.json`);
    expect(reusedOf(report)).toEqual(['fr', 'ar']);
    const liveRecord = JSON.parse(await readFile(record, 'utf8')) as SearchRecord;
    for (const file of liveRecord.languages.fr?.files ?? [])
      expect((await stat(path.join(dir, 'pagefind', file))).ino, file).toBe((await stat(path.join(live, 'pagefind', file))).ino);
    await expectFullIndexOf(dir);
    // Its own record says the same of the languages taken: the next publication can take them again.
    const next = JSON.parse(await readFile(`${dir}.json`, 'utf8')) as SearchRecord;
    expect(next.languages.fr).toEqual(liveRecord.languages.fr);
    expect(next.languages.en?.digest).not.toBe(liveRecord.languages.en?.digest);
  });

  it('takes every language when nothing changed, Pagefind’s scripts included', async () => {
    const { dir: live, record } = await liveSite();
    const dir = await otherSite(pagesOf());
    const report = await buildSearchIndex(dir, { reuse: { deployDir: live, record } });
    expect(reusedOf(report)).toEqual(['fr', 'en', 'ar']);
    // The entry file lists the languages in site order (one service writes its own order: a build stamp).
    const entryOf = async (site: string) =>
      JSON.parse(await readFile(path.join(site, 'pagefind/pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, unknown>;
      };
    expect(Object.keys((await entryOf(dir)).languages)).toEqual(['fr', 'en', 'ar']);
    expect((await entryOf(dir)).languages).toEqual((await entryOf(live)).languages);
    await expectFullIndexOf(dir);
  });

  it('indexes a language again when a title moves another page’s rank', async () => {
    const { dir: live, record } = await liveSite();
    // The first fr fiche now sorts last: every fr page's rank moves, the others' pages are as they were.
    const dir = await otherSite(
      pagesOf((lang, index, options) => (lang === 'fr' && index === 0 ? { ...options, title: 'Vivre en France' } : options)),
    );
    const report = await buildSearchIndex(dir, { reuse: { deployDir: live, record } });
    expect(reusedOf(report)).toEqual(['en', 'ar']);
    await expectFullIndexOf(dir);
  });

  /** A site whose pages are hard links of the live site's, as a publication keeps them. */
  async function linkedSite(live: string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'passerelle-search-'));
    extra.push(dir);
    for (const file of Object.keys(pagesOf())) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await link(path.join(live, file), path.join(dir, file));
    }
    return dir;
  }
  const readCount = (lines: string[]) => /(\d+) pages read and checked, (\d+) kept/.exec(lines.join('\n'))?.slice(1).map(Number);

  it('takes a kept page’s search input from the record without reading it, and reads a page replaced', async () => {
    const { dir: live, record } = await liveSite();
    const dir = await linkedSite(live);
    // A page the publication rendered again: another file, whatever its bytes.
    const replaced = 'en/demarches/fiche-1/index.html';
    await rm(path.join(dir, replaced));
    await writeFile(
      path.join(dir, replaced),
      pagesOf((lang, index, options) => (lang === 'en' && index === 1 ? { ...options, words: 'loyer impayé' } : options))[
        replaced
      ] ?? '',
    );
    const lines: string[] = [];
    const report = await buildSearchIndex(dir, { reuse: { deployDir: live, record }, log: (line) => lines.push(line) });
    expect(readCount(lines)).toEqual([1, 8]);
    expect(reusedOf(report)).toEqual(['fr', 'ar']);
    await expectFullIndexOf(dir);
  });

  it('reads a kept page again when its file changed since the record, or the record is another code’s', async () => {
    const { dir: live, record } = await liveSite();
    const dir = await linkedSite(live);
    // Written in place (the publisher never does): same inode, same size, another time and text.
    const changed = 'fr/demarches/fiche-2/index.html';
    const html = await readFile(path.join(dir, changed), 'utf8');
    await writeFile(path.join(dir, changed), html.replace('école inscription enfant fr', 'école inscription cantine'));
    let lines: string[] = [];
    let report = await buildSearchIndex(dir, { reuse: { deployDir: live, record }, log: (line) => lines.push(line) });
    expect(readCount(lines)).toEqual([1, 8]);
    expect(reusedOf(report)).toEqual(['en', 'ar']);
    await expectFullIndexOf(dir);
    // A record whose pages another code version read: every page is read.
    const written = JSON.parse(await readFile(record, 'utf8')) as SearchRecord;
    await writeFile(record, JSON.stringify({ ...written, pages: { ...written.pages, code: 'other' } }));
    lines = [];
    report = await buildSearchIndex(await linkedSite(live), {
      reuse: { deployDir: live, record },
      log: (line) => lines.push(line),
    });
    expect(readCount(lines)).toEqual([9, 0]);
  });

  it.each<[string, (record: string, live: string) => Promise<void>, RegExp]>([
    ['no record', (record) => rm(record), /no search record/],
    ['a corrupt record', (record) => writeFile(record, '{"format":1,"languages":'), /an unreadable search record/],
    [
      'a record of another Pagefind',
      async (record) => writeFile(record, (await readFile(record, 'utf8')).replace(/"pagefind":"[^"]+"/, '"pagefind":"0.0.1"')),
      /another format, Pagefind or chunk size/,
    ],
    [
      'a record naming a file the earlier index lacks',
      async (_record, live) =>
        rm(
          path.join(
            live,
            'pagefind',
            (await readdir(path.join(live, 'pagefind/fragment')))
              .map((file) => `fragment/${file}`)
              .find((file) => file.startsWith('fragment/fr_')) ?? '',
          ),
        ),
      /the live index lacks fragment\/fr_/,
    ],
  ])('indexes every language again with %s', async (_name, spoil, why) => {
    const { dir: live, record } = await liveSite();
    await spoil(record, live);
    const dir = await otherSite(pagesOf());
    const lines: string[] = [];
    const report = await buildSearchIndex(dir, { reuse: { deployDir: live, record }, log: (line) => lines.push(line) });
    expect(reusedOf(report)).toEqual([]);
    expect(lines.join('\n')).toMatch(why);
    await expectFullIndexOf(dir);
  });
});

describe('the search record options of the two commands', () => {
  it('takes the live deploy and its record together, and where to write the new record', () => {
    expect(
      searchRecordArguments(['out', 'site.a.css', '--live=live', '--live-search-record=live.json', '--search-record=new.json']),
    ).toEqual({
      positionals: ['out', 'site.a.css'],
      reuse: { deployDir: 'live', record: 'live.json' },
      recordTo: 'new.json',
    });
    expect(searchRecordArguments(['out'])).toEqual({ positionals: ['out'] });
  });

  it('refuses half of the reuse pair and an unknown option', () => {
    expect(searchRecordArguments(['out', '--live=live'])).toBeUndefined();
    expect(searchRecordArguments(['out', '--live-search-record=live.json'])).toBeUndefined();
    expect(searchRecordArguments(['out', '--lve=live'])).toBeUndefined();
  });
});
