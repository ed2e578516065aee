import { describe, expect, it } from 'vitest';

import { escapeXml } from '../../src/lib/xml';

describe('escapeXml — what a feed can carry', () => {
  it.each([
    ['Tom & Jerry <b> "x"', 'Tom &amp; Jerry &lt;b&gt; &quot;x&quot;'],
    ['</summary></entry>', '&lt;/summary&gt;&lt;/entry&gt;'],
    [']]><![CDATA[', ']]&gt;&lt;![CDATA['],
    ['nul \u0000 et bip \u0007 et échap \u001b', 'nul  et bip  et échap '],
    ['non-caractères \ufffe\uffff', 'non-caractères '],
    ['demi-paire \ud800 seule', 'demi-paire  seule'],
    ['tab\tligne\ncr\r', 'tab\tligne\ncr\r'],
    ['emoji 👩🏽‍⚕️ et arabe عربي', 'emoji 👩🏽‍⚕️ et arabe عربي'],
  ])('%j → %j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });

  it('always gives text an XML parser accepts', () => {
    const all = Array.from({ length: 0x3000 }, (_, code) => String.fromCharCode(code)).join('') + '\ud800\udfff\ufffe\uffff';
    expect(escapeXml(all)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[<>]/);
  });
});
