import {
  BlockquoteFeature,
  BoldFeature,
  FixedToolbarFeature,
  HeadingFeature,
  HorizontalRuleFeature,
  InlineToolbarFeature,
  ItalicFeature,
  LinkFeature,
  lexicalEditor,
  OrderedListFeature,
  ParagraphFeature,
  UnderlineFeature,
  UnorderedListFeature,
} from '@payloadcms/richtext-lexical';
import type { TextFieldSingleValidation } from 'payload';

import { checkLinkUrl, linkUrlMessage } from '@passerelle/content-schemas';

/** The link drawer's address field, checked with the site renderer's own rule. */
const validateLinkUrl: TextFieldSingleValidation = (value, { siblingData }) => {
  if ((siblingData as { linkType?: unknown } | undefined)?.linkType === 'internal') return true;
  const check = checkLinkUrl(value);
  return check.ok ? true : linkUrlMessage(check);
};

/**
 * Only what the public site renders: no alignment (RTL pages mirror on their own), no uploads
 * or embedded blocks in running text, links external or to another fiche. Anything else would
 * make the site build fail, so the editor does not offer it.
 */
export const richTextEditor = lexicalEditor({
  features: () => [
    ParagraphFeature(),
    HeadingFeature({ enabledHeadingSizes: ['h3', 'h4'] }),
    BoldFeature(),
    ItalicFeature(),
    UnderlineFeature(),
    UnorderedListFeature(),
    OrderedListFeature(),
    BlockquoteFeature(),
    HorizontalRuleFeature(),
    LinkFeature({
      enabledCollections: ['fiches'],
      fields: ({ defaultFields }) =>
        defaultFields.map((field) =>
          field.name === 'url' && field.type === 'text' ? ({ ...field, validate: validateLinkUrl } as typeof field) : field,
        ),
    }),
    FixedToolbarFeature(),
    InlineToolbarFeature(),
  ],
});
