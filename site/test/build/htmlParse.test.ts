/**
 * Every built page parses without error as the HTML standard parses it (what a browser does,
 * not what html-validate checks): see test/helpers/htmlParseErrors.ts for what is caught.
 */
import { describe, expect, it } from 'vitest';

import { allPages, urlLocale } from '../helpers/dist';
import { htmlParseErrors, isValidTimeValue } from '../helpers/htmlParseErrors';

/** The page types every language has, by URL shape; a fallback fiche is a fiche page too. */
const pageTypes: Record<string, RegExp> = {
  home: /^\/\w+\/$/,
  theme: /^\/\w+\/themes\/[^/]+\/$/,
  departements: /^\/\w+\/departements\/$/,
  departement: /^\/\w+\/departements\/[^/]+\/$/,
  structure: /^\/\w+\/structures\/[^/]+\/$/,
  search: /^\/\w+\/recherche\/$/,
  demarche: /^\/\w+\/demarches\/[^/]+\/$/,
  dispositif: /^\/\w+\/dispositifs\/[^/]+\/$/,
  saved: /^\/\w+\/mes-fiches\/$/,
  offline: /^\/\w+\/hors-ligne\/$/,
  notFound: /^\/\w+\/404\.html$/,
};

describe('HTML parse errors', () => {
  it('catches what this check exists for, on hand-written pages', () => {
    const page = (body: string, after = '') =>
      `<!doctype html><html lang="fr"><head><title>t</title></head><body>${body}</body></html>${after}`;
    expect(
      htmlParseErrors(page('<p>ok <time datetime="2026-12-02T10:00:00.000Z">2 déc.</time> <time>2026-12-02</time></p>')),
    ).toEqual([]);
    expect(htmlParseErrors(page('<p>a</p>', ' <script type="module" src="/a.js"></script>')).map((error) => error.code)).toEqual([
      'unexpected-start-tag-after-body <script>',
    ]);
    expect(
      htmlParseErrors(page('<template><p><time data-field="updated"></time></p></template>')).map((error) => error.code),
    ).toEqual(['time-without-valid-time ""']);
    expect(htmlParseErrors(page('<p>a</span></p>')).map((error) => error.code)).toEqual([
      'end-tag-without-matching-open-element </span>',
    ]);
    expect(htmlParseErrors(page('<p id="a" id="b">a</p>')).map((error) => error.code)).toEqual(['duplicate-attribute']);
    expect(htmlParseErrors('<html><body></body></html>').map((error) => error.code)).toContain('missing-doctype');
    expect(['2026-12-02', '2026-12-02T10:00:00.000Z', '10:00', 'P2D', '2026-W49'].every(isValidTimeValue)).toBe(true);
    expect(['', ' ', '2 décembre 2026', '2026-12-02T'].some(isValidTimeValue)).toBe(false);
  });

  it('finds none on any page of the fixture build, every page type in fr, ar and ti included', () => {
    const pages = allPages();
    for (const locale of ['fr', 'ar', 'ti'])
      for (const [type, shape] of Object.entries(pageTypes))
        expect(
          pages.some((built) => urlLocale(built.urlPath) === locale && shape.test(built.urlPath)),
          `${type} in ${locale}`,
        ).toBe(true);
    const problems = pages.flatMap((built) =>
      htmlParseErrors(built.html).map((error) => `${built.urlPath}:${error.line}:${error.column} ${error.code}`),
    );
    expect(problems.slice(0, 30)).toEqual([]);
  });
});
