import { describe, expect, it } from 'vitest';

import { stylesheetFirst, withoutNeverWritten } from '../../src/integrations/pruneUnusedCss';

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

describe('withoutNeverWritten', () => {
  it('drops the icon-class and date-field selectors, the rules and blocks they leave empty, and nothing else', () => {
    const css =
      '.a,[class^=fr-icon-]:before{color:red}[class*=" fr-icon-"]:after{content:""}' +
      '@media (forced-colors:active){[class^=fr-icon-]:before{color:canvastext}.b{color:red}}' +
      '@supports selector(::-webkit-calendar-picker-indicator){@media (min-width:1px){.fr-input[type=date]{padding:0}}}' +
      '.fr-input[type=text]{margin:0}[class^=fr-link]{margin:0}' +
      '.fr-notice__title:not([class^=fr-icon-]):not([class*=" fr-icon-"]):before{content:""}';
    expect(withoutNeverWritten(css)).toBe(
      '.a{color:red}@media (forced-colors:active){.b{color:red}}.fr-input[type=text]{margin:0}[class^=fr-link]{margin:0}' +
        '.fr-notice__title:not([class^=fr-icon-]):not([class*=" fr-icon-"]):before{content:""}',
    );
  });
});
