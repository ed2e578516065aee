import { describe, expect, it } from 'vitest';

import { RichTextSchema } from '../src/schemas/RichTextSchema';

const text = (value: string) => ({ type: 'text', version: 1, text: value, format: 0 });
const tree = (...children: unknown[]) => ({ root: { type: 'root', direction: 'ltr', children } });

describe('RichTextSchema', () => {
  it('accepts nested nodes and keeps their own fields', () => {
    const value = tree({ type: 'list', children: [{ type: 'listitem', value: 1, children: [text('Pièce d’identité')] }] });
    const parsed = RichTextSchema.parse(value);
    expect(parsed).toEqual(value);
  });

  it('checks every level of the tree, not only the first', () => {
    const deep = tree({ type: 'list', children: [{ type: 'listitem', children: [{ type: '', version: 1 }] }] });
    const result = RichTextSchema.safeParse(deep);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['root', 'children', 0, 'children', 0, 'children', 0, 'type']);
  });
});
