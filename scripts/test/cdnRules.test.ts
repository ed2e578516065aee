import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseDocuments, type Fiche } from '@passerelle/content-schemas';
import { fixtureSnapshotDir } from '@passerelle/content-schemas/repository';

import {
  contentSecurityPolicy,
  embedListFolder,
  formatHeaders,
  framablePolicy,
  formatRedirects,
  headerRules,
  headersFor,
  htmlCacheControl,
  immutableCacheControl,
  inlineCodeOf,
  matchRedirect,
  parseHeaders,
  parseRedirects,
  preferredLanguage,
  redirectRules,
} from '../src/cdnRules';

const fiches = parseDocuments('fiches', JSON.parse(readFileSync(path.join(fixtureSnapshotDir, 'fiches.json'), 'utf8')));
const carteVitale = fiches.find((fiche) => fiche.slug === 'carte-vitale') as Fiche;

const files = [
  'index.html',
  '404.html',
  'favicon.svg',
  'robots.txt',
  'sw.js',
  'sitemap-index.xml',
  'sitemap-fr.xml',
  'fr/index.html',
  'fr/demarches/carte-vitale/index.html',
  '_astro/site.Q0rIZulViS.css',
  'pagefind/pagefind.js',
  'pagefind/pagefind-entry.json',
  'pagefind/pagefind.fr_4a1b2c3d4e.pf_meta',
  'pagefind/wasm.fr.pagefind',
  'pagefind/fragment/fr_1a2b3c4.pf_fragment',
  'pagefind/index/fr_5d6e7f8.pf_index',
  'fr/fiches.json',
  'fr/flux.xml',
  'fr/themes/health/flux.xml',
  'embed/index.html',
  'embed/partenaires.txt',
  'embed/fr/tous/index.html',
  'embed/fr/health/index.html',
  'embed/ar/tous/index.html',
];

describe('_headers', () => {
  const rules = parseHeaders(formatHeaders(headerRules(files, contentSecurityPolicy())));

  it('sends the strict CSP and security headers on every path', () => {
    for (const pathname of ['/', '/fr/demarches/carte-vitale/', '/_astro/site.Q0rIZulViS.css', '/pagefind/pagefind.js']) {
      const headers = headersFor(rules, pathname);
      expect(headers['Content-Security-Policy']).toBe(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(headers).toMatchObject({
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'X-Frame-Options': 'DENY',
      });
    }
  });

  it.each([
    ['/', htmlCacheControl],
    ['/fr/demarches/carte-vitale/', htmlCacheControl],
    ['/ar/404.html', htmlCacheControl],
    ['/f/ezd264/', htmlCacheControl],
    ['/sitemap-fr.xml', htmlCacheControl],
    ['/_astro/site.Q0rIZulViS.css', immutableCacheControl],
    ['/pagefind/fragment/fr_1a2b3c4.pf_fragment', immutableCacheControl],
    ['/pagefind/index/fr_5d6e7f8.pf_index', immutableCacheControl],
    ['/pagefind/pagefind.fr_4a1b2c3d4e.pf_meta', immutableCacheControl],
    ['/pagefind/pagefind.js', htmlCacheControl],
    ['/pagefind/pagefind-entry.json', htmlCacheControl],
    ['/pagefind/wasm.fr.pagefind', htmlCacheControl],
    ['/sw.js', 'no-cache'],
  ])('%s is cached with "%s", set by exactly one rule', (pathname, expected) => {
    expect(headersFor(rules, pathname)['Cache-Control']).toBe(expected);
  });

  const strictPolicy = contentSecurityPolicy();

  it.each(['/embed/fr/tous/', '/embed/fr/health/', '/embed/ar/tous/', '/embed/ar/tous/index.html'])(
    'lets any site frame the embed list %s, with the policy otherwise as strict',
    (pathname) => {
      const headers = headersFor(rules, pathname);
      expect(headers['Content-Security-Policy']).toBe(strictPolicy.replace("frame-ancestors 'none'", 'frame-ancestors *'));
      expect(headers['X-Frame-Options']).toBeUndefined();
      expect(headers['Cache-Control']).toBe(htmlCacheControl);
      expect(headers['X-Content-Type-Options']).toBe('nosniff');
    },
  );

  it.each([
    '/embed/',
    '/embed',
    '/embed/index.html',
    '/embed/partenaires.txt',
    '/fr/fiches.json',
    '/fr/flux.xml',
    '/fr/themes/health/flux.xml',
    '/ti/404.html',
    '/f/ezd264/',
    '/favicon.svg',
    '/index.html',
  ])('refuses framing on %s (builder, data, feeds and every other page)', (pathname) => {
    const headers = headersFor(rules, pathname);
    expect(headers['Content-Security-Policy']).toBe(strictPolicy);
    expect(headers['X-Frame-Options']).toBe('DENY');
  });

  it('sets each header of each file by one rule only: no value joined by the CDN', () => {
    const raw = headerRules(files, strictPolicy);
    for (const file of files) {
      const pathname = `/${file}`;
      const counts = new Map<string, number>();
      for (const rule of raw.filter((candidate) => Object.keys(headersFor([candidate], pathname)).length > 0)) {
        for (const name of Object.keys(rule.headers)) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      expect([pathname, [...counts].filter(([, count]) => count > 1)]).toEqual([pathname, []]);
      expect(headersFor(raw, pathname)['Content-Security-Policy'], pathname).toBeTruthy();
    }
  });

  it('opens only frame-ancestors of a policy for the embed lists, and fails on a policy without it', () => {
    expect(framablePolicy("default-src 'self'; frame-ancestors 'none'")).toBe("default-src 'self'; frame-ancestors *");
    expect(() => framablePolicy("default-src 'self'")).toThrow(/frame-ancestors 'none'/);
    expect(embedListFolder('ar')).toBe('/embed/ar/');
  });

  it('stays under the 100 rules Cloudflare Pages reads, even with every language indexed', () => {
    const pagefind = ['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk'].flatMap((lang) => [
      `pagefind/pagefind.${lang}_0123456789.pf_meta`,
      `pagefind/wasm.${lang}.pagefind`,
    ]);
    const languages = ['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk'];
    const embed = languages.flatMap((lang) => ['tous', 'health', 'housing'].map((theme) => `embed/${lang}/${theme}/index.html`));
    const topLevel = languages.flatMap((lang) => [`sitemap-${lang}.xml`, `${lang}/fiches.json`, `${lang}/flux.xml`]);
    expect(headerRules([...files, ...pagefind, ...embed, ...topLevel], contentSecurityPolicy()).length).toBeLessThan(100);
  });

  it('has no way to let inline code in: no hash, no unsafe-inline', () => {
    expect(contentSecurityPolicy()).not.toMatch(/sha256-|unsafe-inline|unsafe-hashes/);
  });

  it('finds inline code the policy would block, and only that', () => {
    expect(
      inlineCodeOf(
        [
          '<script type="application/ld+json">{"a":"<p style=\\"x\\" onclick=\\"y\\">"}</script>',
          '<script>alert(1)</script><script type="module">import "/x.js"</script><script src="/x.js"></script>',
          '<style>p{}</style><p style="color:red" title=\'style="x" onload="y"\'>style=x</p>',
          '<!-- <p style="x"> --><img src="/a.png" onerror="alert(1)"><a href=" &#106;avascript:alert(1)">x</a>',
          '<a href="/fr/javascript:/">ok</a>',
        ].join(''),
      ),
    ).toEqual({ scripts: 2, styles: 1, styleAttributes: 1, eventHandlers: 2 });
    expect(inlineCodeOf('<!doctype html><p title="a>b">x</p><script type="application/json">{}</script>')).toEqual({
      scripts: 0,
      styles: 0,
      styleAttributes: 0,
      eventHandlers: 0,
    });
  });
});

describe('_redirects', () => {
  const pages = new Set(['/', '/fr/demarches/carte-vitale/', '/fr/dispositifs/halte-garderie-insertion/']);
  const rules = parseRedirects(
    formatRedirects(
      redirectRules({
        fiches,
        formerAddresses: [
          { fiche: carteVitale.id, slug: 'obtenir-sa-carte-vitale', type: 'demarche' },
          { fiche: carteVitale.id, slug: 'carte-vitale', type: 'dispositif' },
          // Now the address of another fiche's page: not redirected.
          { fiche: carteVitale.id, slug: 'halte-garderie-insertion', type: 'dispositif' },
          // A fiche that is no longer published.
          { fiche: 'gone', slug: 'old', type: 'demarche' },
        ],
        pages,
      }),
    ),
  );
  const go = (pathname: string, acceptLanguage?: string) =>
    matchRedirect(rules, { pathname, acceptLanguage, fileExists: pages.has(pathname) || /^\/f\/[a-z0-9]+\/?$/.test(pathname) });

  it('sends a former address of a fiche to its current one (301), in every language, with or without the slash', () => {
    expect(go('/fr/demarches/obtenir-sa-carte-vitale/')).toMatchObject({
      location: '/fr/demarches/carte-vitale/',
      rule: { status: 301 },
    });
    expect(go('/ar/demarches/obtenir-sa-carte-vitale')).toMatchObject({
      location: '/ar/demarches/carte-vitale/',
      rule: { status: 301 },
    });
    expect(go('/uk/dispositifs/carte-vitale/')).toMatchObject({ location: '/uk/demarches/carte-vitale/', rule: { status: 301 } });
    expect(go('/fr/dispositifs/halte-garderie-insertion/')).toBeUndefined();
    expect(go('/fr/demarches/old/')?.rule.status).toBe(404);
  });

  it('sends a short link to the fiche in the reader’s language, and capitals to the short link', () => {
    expect(go('/f/ezd264', 'ar,fr;q=0.8')).toMatchObject({ location: '/ar/demarches/carte-vitale/', rule: { status: 302 } });
    expect(go('/f/ezd264/', 'fr-FR,fr;q=0.9')).toMatchObject({ location: '/fr/demarches/carte-vitale/' });
    // No language the site has: the short link's own page, which lists the fiche's languages.
    expect(go('/f/ezd264/', 'de-DE')).toBeUndefined();
    expect(go('/f/EZD264')).toMatchObject({ location: '/f/ezd264/', rule: { status: 301 } });
  });

  it('sends / to the reader’s language, or leaves the language chooser', () => {
    expect(go('/', 'uk-UA,uk;q=0.9,en;q=0.5')).toMatchObject({ location: '/uk/', rule: { status: 302 } });
    expect(go('/', 'de')).toBeUndefined();
    expect(go('/')).toBeUndefined();
  });

  it('writes conditions and forced codes only on lines Cloudflare ignores, statuses always explicit', () => {
    const text = formatRedirects(redirectRules({ fiches, formerAddresses: [], pages }));
    for (const line of text.split('\n').filter((entry) => entry && !entry.startsWith('#'))) {
      const fields = line.split(/\s+/);
      expect(fields[2], line).toMatch(/^(301|302!|404)$/);
      if (fields[2]?.endsWith('!')) expect(fields).toHaveLength(4);
    }
  });
});

describe('preferredLanguage', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en;q=0.5,ar', 'ar'],
    ['*', undefined],
    ['', undefined],
    ['ps;q=0,fa;q=0.2', 'fa'],
  ])('%s → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});
