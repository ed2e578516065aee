import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

import { dropWebFonts } from '../../src/integrations/dropWebFonts';
import { logicalProperties, splitValue } from '../../src/integrations/logicalProperties';

const logical = (css: string) => postcss([logicalProperties()]).process(css, { from: undefined }).css;
const withoutFonts = (css: string) => postcss([dropWebFonts()]).process(css, { from: undefined }).css;

describe('logicalProperties', () => {
  it.each([
    ['a{margin-left:1rem}', 'a{margin-inline-start:1rem}'],
    ['a{padding-right:2px!important}', 'a{padding-inline-end:2px!important}'],
    ['a{left:0;right:auto}', 'a{inset-inline-start:0;inset-inline-end:auto}'],
    ['a{border-left:1px solid red}', 'a{border-inline-start:1px solid red}'],
    ['a{border-right-color:red}', 'a{border-inline-end-color:red}'],
    ['a{border-top-left-radius:4px}', 'a{border-start-start-radius:4px}'],
    ['a{text-align:left}', 'a{text-align:start}'],
    ['a{text-align:center}', 'a{text-align:center}'],
    ['a{float:right}', 'a{float:inline-end}'],
    ['a{margin:0 auto}', 'a{margin:0 auto}'],
    ['a{margin:1px 2px 3px}', 'a{margin:1px 2px 3px}'],
    ['a{margin:1px 2px 3px 2px}', 'a{margin:1px 2px 3px 2px}'],
    ['a{margin:0 1rem 0 0}', 'a{margin-block:0;margin-inline:0 1rem}'],
    ['a{padding:1px calc(1rem + 2px) 3px 4px}', 'a{padding-block:1px 3px;padding-inline:4px calc(1rem + 2px)}'],
    ['a{border-width:0 0 0 1px}', 'a{border-block-width:0;border-inline-width:1px 0}'],
    [
      'a{border-radius:4px 0 0 4px}',
      'a{border-start-start-radius:4px;border-start-end-radius:0;border-end-end-radius:0;border-end-start-radius:4px}',
    ],
    ['a{border-radius:4px}', 'a{border-radius:4px}'],
    ['a{border-radius:4px/2px}', 'a{border-radius:4px/2px}'],
    ['a{margin-top:1rem}', 'a{margin-top:1rem}'],
  ])('%s → %s', (input, expected) => {
    expect(logical(input)).toBe(expected);
  });

  it('splits values on top-level spaces only', () => {
    expect(splitValue(' 1px  calc(2px + 3px) var(--a, 0 1px) 4px ')).toEqual([
      '1px',
      'calc(2px + 3px)',
      'var(--a, 0 1px)',
      '4px',
    ]);
  });
});

describe('dropWebFonts', () => {
  it.each([
    ['@font-face{font-family:Marianne;src:url(a.woff2)}a{color:red}', 'a{color:red}'],
    ['body{font-family:Marianne,arial,sans-serif}', 'body{font-family:var(--passerelle-font)}'],
    ['h1{font-family:Spectral,georgia,serif!important}', 'h1{font-family:var(--passerelle-font)!important}'],
    ['code{font-family:monospace}', 'code{font-family:monospace}'],
  ])('%s → %s', (input, expected) => {
    expect(withoutFonts(input)).toBe(expected);
  });

  it('refuses a font shorthand naming a web font', () => {
    expect(() => withoutFonts('a{font:16px Marianne}')).toThrow(/expand it/);
  });
});
