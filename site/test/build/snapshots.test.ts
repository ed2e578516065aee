/**
 * Markup that must not change by accident, compared with files under test/__snapshots__/:
 * rendered rich text (French, Arabic, and a French fallback on a Persian page) and head tags.
 * Update on purpose with `npx vitest run -u`.
 */
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';

import { sitePaths, type Locale } from '@passerelle/content-schemas';

import { fixtureFiche, page } from '../helpers/dist';

/** One element per line, so a snapshot diff points at the tag that changed. */
function readable(html: string): string {
  return `${html.replace(/></g, '>\n<').trim()}\n`;
}

const cases: [slug: string, locale: Locale][] = [
  ['carte-vitale', 'fr'],
  ['carte-vitale', 'ar'],
  ['protection-universelle-maladie', 'fa'],
  ['halte-garderie-insertion', 'ti'],
];

describe('snapshots', () => {
  it.each(cases)('rich text of %s in %s', async (slug, locale) => {
    const { document } = page(sitePaths.fiche(locale, fixtureFiche(slug)));
    const body = document.querySelector('.fiche-body');
    await expect(readable(body?.outerHTML ?? '')).toMatchFileSnapshot(`../__snapshots__/${slug}.${locale}.rich-text.html`);
  });

  it.each(cases)('head tags of %s in %s', async (slug, locale) => {
    const head = page(sitePaths.fiche(locale, fixtureFiche(slug))).document.querySelector('head');
    // The stylesheet name carries a content hash that changes with any CSS edit.
    const tags = parse(head?.innerHTML ?? '')
      .querySelectorAll('*')
      .filter((element) => element.tagName !== 'LINK' || element.getAttribute('rel') !== 'stylesheet')
      .map((element) => element.outerHTML)
      .join('\n');
    await expect(`${tags}\n`).toMatchFileSnapshot(`../__snapshots__/${slug}.${locale}.head.html`);
  });
});
