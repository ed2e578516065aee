import { describe, expect, it } from 'vitest';

import { stylesheetFirst } from '../../src/integrations/pruneUnusedCss';

const head = (inside: string) => `<!DOCTYPE html><html lang="ar" dir="rtl"><head>${inside}</head><body><p>x</p></body></html>`;
const link = '<link rel="stylesheet" href="/_astro/site.abc.css">';

describe('stylesheetFirst', () => {
  it('moves the stylesheet link right after the viewport meta', () => {
    const html = head(
      `<meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>T</title><script type="application/ld+json">{}</script>${link}`,
    );
    expect(stylesheetFirst(html)).toBe(
      head(
        `<meta charset="utf-8"><meta name="viewport" content="width=device-width">${link}<title>T</title><script type="application/ld+json">{}</script>`,
      ),
    );
  });

  it('leaves a page without a stylesheet, or with it already first, unchanged', () => {
    const none = head('<meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>T</title>');
    expect(stylesheetFirst(none)).toBe(none);
    const first = head(`<meta charset="utf-8"><meta name="viewport" content="width=device-width">${link}<title>T</title>`);
    expect(stylesheetFirst(first)).toBe(first);
  });

  it('does not move a link that is outside the head', () => {
    const inBody = `<!DOCTYPE html><html><head><meta name="viewport" content="x"></head><body>${link}</body></html>`;
    expect(stylesheetFirst(inBody)).toBe(inBody);
  });
});
