import { describe, expect, it } from 'vitest';

import { richTextToPlainText, type LexicalNode, type RichText } from '../src';

const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format });
const paragraph = (...children: LexicalNode[]): LexicalNode => ({
  type: 'paragraph',
  format: 'center',
  indent: 2,
  direction: 'rtl',
  children,
});
const doc = (...children: LexicalNode[]): RichText => ({ root: { type: 'root', direction: 'ltr', children } });

describe('richTextToPlainText', () => {
  it('joins blocks and list items with spaces', () => {
    const input = doc(paragraph(text('Il vous faut :')), {
      type: 'list',
      listType: 'bullet',
      children: [
        { type: 'listitem', children: [text('une photo')] },
        { type: 'listitem', children: [text('un titre')] },
      ],
    });
    expect(richTextToPlainText(input)).toBe('Il vous faut : une photo un titre');
  });
});
