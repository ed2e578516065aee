import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { markupToLexical } from '../../src/seed/markupToLexical';
import {
  inlineToPlainText,
  inlineToRichText,
  InvalidMarkupError,
  richTextToInline,
  type OrderedNode,
  type RichTextValue,
} from '../../src/translation/xliff/inlineMarkup';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false,
  parseTagValue: false,
});
/** A target's content as the import reads it. */
const target = (inline: string) => (parser.parse(`<target>${inline}</target>`) as OrderedNode[])[0]!.target as OrderedNode[];
const body = (markup: string) => markupToLexical(markup, 'ltr', (key) => `id-${key}`) as unknown as RichTextValue;

describe('rich text as XLIFF inline placeholders', () => {
  it('numbers paragraphs, bold, links and list items in document order, and escapes the text', () => {
    const { xml, nodes } = richTextToInline(
      body('Apportez **vos papiers** & [le formulaire](https://example.org/f).\n\n- un passeport\n- une photo'),
    );
    expect(xml).toBe(
      '<g id="1" ctype="x-paragraph">Apportez <g id="2" ctype="bold">vos papiers</g> &amp; <g id="3" ctype="link">le formulaire</g>.</g>' +
        '<g id="4" ctype="x-list"><g id="5" ctype="x-listitem">un passeport</g><g id="6" ctype="x-listitem">une photo</g></g>',
    );
    expect(nodes.get('3')?.node.fields).toEqual({ linkType: 'custom', newTab: false, url: 'https://example.org/f' });
  });

  it('rebuilds the translation with the French link, format and list, in the target language’s direction', () => {
    const { nodes } = richTextToInline(
      body('Apportez **vos papiers** et [le formulaire](https://example.org/f).\n\n- un passeport\n- une photo'),
    );
    const rich = inlineToRichText(
      target(
        '<g id="1">أحضر <g id="3">الاستمارة</g> و<g id="2">أوراقك</g></g><g id="4"><g id="5">جواز سفر</g><g id="6">صورة</g></g>',
      ),
      nodes,
      'rtl',
    );
    const [paragraph, list] = rich.root.children;
    expect(rich.root.direction).toBe('rtl');
    expect(paragraph!.direction).toBe('rtl');
    // The agency moved the link before the bold words: the order is the translation's.
    expect(paragraph!.children!.map((node) => [node.type, node.text ?? node.children?.[0]?.text, node.format])).toEqual([
      ['text', 'أحضر ', 0],
      ['link', 'الاستمارة', ''],
      ['text', ' و', 0],
      ['text', 'أوراقك', 1],
    ]);
    expect(paragraph!.children![1]!.fields).toEqual({ linkType: 'custom', newTab: false, url: 'https://example.org/f' });
    expect(list!.listType).toBe('bullet');
    expect(list!.children!.map((item) => item.children![0]!.text)).toEqual(['جواز سفر', 'صورة']);
  });

  it('keeps line breaks and lets CAT tools’ segment markers through', () => {
    const french = body('Première ligne');
    french.root.children[0]!.children!.push(
      { type: 'linebreak', version: 1 },
      { type: 'text', text: 'Seconde ligne', format: 0 },
    );
    const { xml, nodes } = richTextToInline(french);
    expect(xml).toBe('<g id="1" ctype="x-paragraph">Première ligne<x id="2" ctype="lb"/>Seconde ligne</g>');
    const rich = inlineToRichText(
      target('<g id="1"><mrk mtype="seg" mid="1">First line</mrk><x id="2"/>Second line</g>'),
      nodes,
      'ltr',
    );
    expect(rich.root.children[0]!.children!.map((node) => node.type)).toEqual(['text', 'linebreak', 'text']);
  });

  it.each([
    ['an id the source does not have', '<g id="1">texte <g id="9">gras</g></g>', /id="9"> absente de la source/],
    ['the same placeholder twice', '<g id="1">a</g><g id="1">b</g>', /utilisée deux fois/],
    ['text outside any paragraph', 'texte nu', /hors de tout paragraphe/],
    ['a list item outside its list', '<g id="4">élément</g>', /ne peut pas être/],
    ['a paragraph inside a paragraph', '<g id="1"><g id="2">x</g></g>', /ne peut pas être/],
    ['a tag the import does not know', '<g id="1"><bpt id="1">[</bpt>x</g>', /<bpt> inconnue/],
    ['<x/> for a <g>', '<x id="1"/>', /<x> à la place de <g>/],
  ])('refuses %s', (_case, inline, message) => {
    const { nodes } = richTextToInline(body('Un paragraphe.\n\nUn autre.\n\n- un élément'));
    expect(() => inlineToRichText(target(inline), nodes, 'ltr')).toThrow(InvalidMarkupError);
    expect(() => inlineToRichText(target(inline), nodes, 'ltr')).toThrow(message);
  });

  it('reads plain targets with their spaces collapsed, and refuses tags in them', () => {
    expect(inlineToPlainText(target('  Obtenir\n   sa carte <mrk mtype="seg">Vitale</mrk> '))).toBe('Obtenir sa carte Vitale');
    expect(() => inlineToPlainText(target('Obtenir <g id="1">sa</g> carte'))).toThrow(/balise <g> inattendue/);
  });
});
