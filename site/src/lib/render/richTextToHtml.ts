import { lexicalTextFormats, type LexicalNode, type RichText } from '@passerelle/content-schemas';
import { checkLinkUrl } from '@passerelle/content-schemas/transforms/linkUrl';

export type RichTextRenderOptions = {
  /** Where the document sits, for error messages: `fiches 4f1c… how.ar[1].body`. */
  path: string;
  /** The site URL of another fiche in the page's language, or undefined when it isn't published. */
  resolveFicheUrl: (ficheId: string) => string | undefined;
  /** The accessible hint read after an external link's text, in the page's language: "(external link)". */
  externalLinkHint: string;
  /** Heading level of the text around the document: a Lexical `h1` is rendered one level below it. */
  headingLevel?: number;
  /** Told about content that was rendered in a degraded way (a link to an unpublished fiche). */
  onWarning?: (message: string) => void;
};

/** A rich-text document the site cannot render faithfully; the build must stop on it. */
export class RichTextError extends Error {
  override name = 'RichTextError';
}

/**
 * Renders Payload's Lexical JSON to HTML. Only semantic markup comes out: Lexical's alignment,
 * indentation and inline styles are dropped (the site's CSS lays text out for both directions),
 * every text is escaped, and any node type not listed here throws instead of silently
 * disappearing. The container sets `dir`; Lexical's per-block direction is ignored because it
 * is guessed from the first letter (an Arabic paragraph starting with "CAF" would come out LTR).
 */
export function richTextToHtml(richText: RichText, options: RichTextRenderOptions): string {
  return renderChildren(richText.root.children, `${options.path}.root`, options);
}

function renderChildren(children: readonly LexicalNode[] | undefined, path: string, options: RichTextRenderOptions): string {
  return (children ?? []).map((child, index) => renderNode(child, `${path}.children[${index}]`, options)).join('');
}

function renderNode(node: LexicalNode, path: string, options: RichTextRenderOptions): string {
  const inner = () => renderChildren(node.children, path, options);
  switch (node.type) {
    case 'text':
      return renderText(node, path);
    case 'linebreak':
      return '<br>';
    case 'tab':
      return ' ';
    case 'paragraph': {
      const content = inner();
      return content.trim() === '' ? '' : `<p>${content}</p>`;
    }
    case 'heading': {
      const level = headingLevel(node, path, options.headingLevel ?? 2);
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'quote':
      return `<blockquote><p>${inner()}</p></blockquote>`;
    case 'list':
      return renderList(node, inner());
    case 'listitem':
      return `<li>${inner()}</li>`;
    case 'horizontalrule':
      return '<hr>';
    case 'link':
    case 'autolink':
      return renderLink(node, path, inner(), options);
    default:
      throw new RichTextError(`${path}: unsupported rich-text node "${node.type}"`);
  }
}

function renderText(node: LexicalNode, path: string): string {
  if (typeof node.text !== 'string') throw new RichTextError(`${path}: text node without text`);
  const format = typeof node.format === 'number' ? node.format : 0;
  let html = escapeHtml(node.text);
  // Innermost tag first, so the outer formats wrap it in the order of `lexicalTextFormats`.
  for (const [bit, tag] of [...lexicalTextFormats].reverse()) {
    if (format & bit) html = `<${tag}>${html}</${tag}>`;
  }
  return html;
}

function headingLevel(node: LexicalNode, path: string, surroundingLevel: number): number {
  const match = typeof node.tag === 'string' ? /^h([1-6])$/.exec(node.tag) : null;
  if (!match?.[1]) throw new RichTextError(`${path}: heading without a valid tag`);
  return Math.min(6, surroundingLevel + Number(match[1]));
}

function renderList(node: LexicalNode, items: string): string {
  if (node.listType === 'number') {
    const start = typeof node.start === 'number' && node.start !== 1 ? ` start="${node.start}"` : '';
    return `<ol${start}>${items}</ol>`;
  }
  // Check lists have no interactive meaning on a static page: a bullet list says the same.
  return `<ul>${items}</ul>`;
}

type LinkFields = { linkType?: unknown; url?: unknown; newTab?: unknown; doc?: unknown };

function renderLink(node: LexicalNode, path: string, content: string, options: RichTextRenderOptions): string {
  const fields: LinkFields = typeof node.fields === 'object' && node.fields !== null ? node.fields : {};
  if (fields.linkType === 'internal') {
    const ficheId = internalLinkTarget(fields.doc, path);
    const url = options.resolveFicheUrl(ficheId);
    if (url === undefined) {
      options.onWarning?.(`${path}: link to fiche ${ficheId}, which is not published; rendered as plain text`);
      return content;
    }
    return `<a href="${escapeAttribute(url)}">${content}</a>`;
  }
  const url = checkedExternalUrl(fields.url, path);
  const newTab = fields.newTab === true ? ' target="_blank"' : '';
  const rel = fields.newTab === true ? 'external noopener noreferrer' : 'external noopener';
  return `<a href="${escapeAttribute(url)}" rel="${rel}"${newTab}>${content}<span class="fr-sr-only"> ${escapeHtml(options.externalLinkHint)}</span></a>`;
}

function internalLinkTarget(doc: unknown, path: string): string {
  if (typeof doc === 'object' && doc !== null && 'relationTo' in doc && 'value' in doc) {
    const { relationTo, value } = doc;
    if (relationTo !== 'fiches')
      throw new RichTextError(`${path}: internal link to "${String(relationTo)}", only fiches are supported`);
    if (typeof value === 'string' && value) return value;
    if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string') return value.id;
  }
  throw new RichTextError(`${path}: internal link without a target document`);
}

/** The CMS validates links with the same `checkLinkUrl`, so this only fails on content saved before it did. */
function checkedExternalUrl(value: unknown, path: string): string {
  const check = checkLinkUrl(value);
  if (check.ok) return check.url;
  if (check.problem === 'empty') throw new RichTextError(`${path}: link without a URL`);
  if (check.problem === 'protocol') throw new RichTextError(`${path}: link protocol "${check.protocol}" is not allowed`);
  throw new RichTextError(`${path}: malformed link URL ${JSON.stringify(value)}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}
