import { describe, expect, it } from 'vitest';

import type { LexicalNode, RichText } from '@passerelle/content-schemas';

import { RichTextError, richTextToHtml } from '../../../src/lib/render/richTextToHtml';

const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format });
const paragraph = (...children: LexicalNode[]): LexicalNode => ({
  type: 'paragraph',
  format: 'center',
  indent: 2,
  direction: 'rtl',
  children,
});
const doc = (...children: LexicalNode[]): RichText => ({ root: { type: 'root', direction: 'ltr', children } });

const options = {
  path: 'fiches abc how.fr[0].body',
  resolveFicheUrl: (id: string) => (id === 'published-id' ? '/fr/demarches/carte-vitale/' : undefined),
  externalLinkHint: '(lien externe)',
};

describe('richTextToHtml', () => {
  it.each<[string, RichText, string]>([
    ['a paragraph, without alignment, indent or direction', doc(paragraph(text('Bonjour'))), '<p>Bonjour</p>'],
    [
      'escaped text',
      doc(paragraph(text('<script>alert("x")</script> & co'))),
      '<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; co</p>',
    ],
    [
      'bold and italic',
      doc(paragraph(text('gras', 1), text(' '), text('les deux', 3))),
      '<p><strong>gras</strong> <strong><em>les deux</em></strong></p>',
    ],
    ['a line break', doc(paragraph(text('a'), { type: 'linebreak' }, text('b'))), '<p>a<br>b</p>'],
    ['empty paragraphs are dropped', doc(paragraph(), paragraph(text('x'))), '<p>x</p>'],
    [
      'a bullet list',
      doc({ type: 'list', listType: 'bullet', tag: 'ul', children: [{ type: 'listitem', children: [text('un')] }] }),
      '<ul><li>un</li></ul>',
    ],
    [
      'a numbered list starting at 3',
      doc({ type: 'list', listType: 'number', tag: 'ol', start: 3, children: [{ type: 'listitem', children: [text('trois')] }] }),
      '<ol start="3"><li>trois</li></ol>',
    ],
    ['a heading below the surrounding level', doc({ type: 'heading', tag: 'h2', children: [text('Titre')] }), '<h4>Titre</h4>'],
    [
      'an external link, marked for assistive technologies',
      doc(paragraph({ type: 'link', fields: { linkType: 'custom', url: 'https://www.ameli.fr/' }, children: [text('ameli')] })),
      '<p><a href="https://www.ameli.fr/" rel="external noopener">ameli<span class="fr-sr-only"> (lien externe)</span></a></p>',
    ],
    [
      'an external link opening a new tab',
      doc(
        paragraph({
          type: 'link',
          fields: { linkType: 'custom', url: 'https://a.example/?q="x"', newTab: true },
          children: [text('a')],
        }),
      ),
      '<p><a href="https://a.example/?q=&quot;x&quot;" rel="external noopener noreferrer" target="_blank">a<span class="fr-sr-only"> (lien externe)</span></a></p>',
    ],
    [
      'an internal link rewritten to the fiche URL in the page language',
      doc(
        paragraph({
          type: 'link',
          fields: { linkType: 'internal', doc: { relationTo: 'fiches', value: 'published-id' } },
          children: [text('carte')],
        }),
      ),
      '<p><a href="/fr/demarches/carte-vitale/">carte</a></p>',
    ],
    [
      'a link to an unpublished fiche kept as plain text',
      doc(
        paragraph({
          type: 'link',
          fields: { linkType: 'internal', doc: { relationTo: 'fiches', value: 'draft-id' } },
          children: [text('brouillon')],
        }),
      ),
      '<p>brouillon</p>',
    ],
  ])('renders %s', (_name, input, expected) => {
    expect(richTextToHtml(input, options)).toBe(expected);
  });

  it.each<[string, RichText, RegExp]>([
    [
      'an unknown node, with its path',
      doc(paragraph(text('a')), { type: 'upload', value: 'x' }),
      /how\.fr\[0\]\.body\.root\.children\[1\]: unsupported rich-text node "upload"/,
    ],
    [
      'a javascript: link',
      doc(paragraph({ type: 'link', fields: { linkType: 'custom', url: 'javascript:alert(1)' }, children: [] })),
      /not allowed/,
    ],
    ['a link without URL', doc(paragraph({ type: 'link', fields: { linkType: 'custom' }, children: [] })), /without a URL/],
    [
      'a link to another collection',
      doc(paragraph({ type: 'link', fields: { linkType: 'internal', doc: { relationTo: 'themes', value: 'x' } }, children: [] })),
      /only fiches/,
    ],
  ])('fails on %s', (_name, input, message) => {
    expect(() => richTextToHtml(input, options)).toThrow(RichTextError);
    expect(() => richTextToHtml(input, options)).toThrow(message);
  });

  it('warns about a link to an unpublished fiche', () => {
    const warnings: string[] = [];
    richTextToHtml(
      doc(
        paragraph({
          type: 'link',
          fields: { linkType: 'internal', doc: { relationTo: 'fiches', value: 'draft-id' } },
          children: [text('x')],
        }),
      ),
      {
        ...options,
        onWarning: (message) => warnings.push(message),
      },
    );
    expect(warnings).toEqual([expect.stringContaining('draft-id')]);
  });
});
