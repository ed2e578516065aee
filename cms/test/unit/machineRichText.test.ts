import { describe, expect, it } from 'vitest';

import { htmlToLexical, htmlToPlainText, lexicalToHtml, parseHtml } from '../../src/translation/machine/richTextHtml';

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
});
const block = { format: '', indent: 0, version: 1, direction: 'ltr' };
const internalLink = { linkType: 'internal', newTab: false, doc: { relationTo: 'fiches', value: 'fiche-42' } };
const customLink = { linkType: 'custom', newTab: true, url: 'https://www.ameli.fr/assure' };

/** A body with everything translators must get back: bold, italic, links of both kinds, a line break, both lists. */
const body = {
  root: {
    type: 'root',
    ...block,
    children: [
      {
        type: 'paragraph',
        textFormat: 0,
        textStyle: '',
        ...block,
        children: [
          text('Demandez votre '),
          text('carte Vitale', 1),
          text(' sur '),
          {
            type: 'link',
            fields: customLink,
            format: '',
            indent: 0,
            version: 3,
            direction: null,
            children: [text('le site ameli')],
          },
          { type: 'linebreak', version: 1 },
          text('ou lisez '),
          {
            type: 'link',
            fields: internalLink,
            format: '',
            indent: 0,
            version: 3,
            direction: null,
            children: [text('la fiche PUMa', 2)],
          },
          text(' & la suite.'),
        ],
      },
      {
        type: 'list',
        listType: 'bullet',
        tag: 'ul',
        start: 1,
        ...block,
        children: [
          { type: 'listitem', value: 1, ...block, children: [text('un passeport')] },
          { type: 'listitem', value: 2, ...block, children: [text('un justificatif de domicile', 1)] },
        ],
      },
      {
        type: 'list',
        listType: 'number',
        tag: 'ol',
        start: 1,
        ...block,
        children: [{ type: 'listitem', value: 1, ...block, children: [text('Remplir le formulaire')] }],
      },
    ],
  },
};

describe('rich text through a machine translator', () => {
  it('writes links as numbered anchors and keeps formats, line breaks and lists as tags', () => {
    const { html, links } = lexicalToHtml(body);
    expect(html).toBe(
      '<p>Demandez votre <strong>carte Vitale</strong> sur <a data-link="0">le site ameli</a><br>ou lisez <a data-link="1"><em>la fiche PUMa</em></a> &amp; la suite.</p>' +
        '<ul><li>un passeport</li><li><strong>un justificatif de domicile</strong></li></ul><ol><li>Remplir le formulaire</li></ol>',
    );
    expect(links.map((link) => link.fields)).toEqual([customLink, internalLink]);
  });

  it('comes back to the same Lexical document when the words are unchanged', () => {
    const { html, links } = lexicalToHtml(body);
    expect(htmlToLexical(html, links, 'ltr')).toEqual(body);
  });

  it('takes the links from the source, whatever the provider did to the anchor', () => {
    const { links } = lexicalToHtml(body);
    const back = htmlToLexical('<p><a href="https://evil.example" data-link="1">الصفحة</a></p>', links, 'rtl');
    expect(back.root.children[0]).toMatchObject({
      direction: 'rtl',
      children: [{ type: 'link', fields: internalLink, children: [{ text: 'الصفحة' }] }],
    });
  });

  it('reads HTML as providers re-serialise it: self-closing breaks, other quotes, entities, unclosed items', () => {
    const back = htmlToLexical(
      "<p class='x'>Un&nbsp;mot<br/>et &#233;t&eacute; &#xe9;t&eacute; &lt;ok&gt;</p>\n<ul><li>un<li>deux</ul>",
      [],
      'ltr',
    );
    expect(back.root.children).toHaveLength(2);
    expect(back.root.children[0]!.children).toEqual([
      text('Un\u00a0mot'),
      { type: 'linebreak', version: 1 },
      text('et été été <ok>'),
    ]);
    expect(back.root.children[1]!.children!.map((item) => item.children)).toEqual([[text('un')], [text('deux')]]);
  });

  it('puts loose text in a paragraph and drops markup it does not know, keeping the words', () => {
    const back = htmlToLexical('Bonjour <span lang="fr"><b>à tous</b></span>', [], 'rtl');
    expect(back.root.children).toEqual([
      {
        type: 'paragraph',
        textFormat: 0,
        textStyle: '',
        format: '',
        indent: 0,
        version: 1,
        direction: 'rtl',
        children: [text('Bonjour '), text('à tous', 1)],
      },
    ]);
  });

  it('gives plain text back for the plain fields', () => {
    expect(htmlToPlainText(' Titre &amp; <b>sous-titre</b> ')).toBe('Titre & sous-titre');
    expect(parseHtml('<!-- note --><p>a</p>')).toEqual([{ tag: 'p', attributes: {}, children: ['a'] }]);
  });
});
