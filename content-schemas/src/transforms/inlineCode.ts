/**
 * Inline code in a built page, which the site's Content-Security-Policy would block
 * (scripts/src/cdn/headers.ts): counted by the publisher's checks (scripts/src/verifyDeploy.ts),
 * or by the whole-site passes as they read each page (site/src/integrations/wholeSitePasses.ts),
 * so that a page is not read once more for it.
 */
export type InlineCode = { scripts: number; styles: number; styleAttributes: number; eventHandlers: number };

/** Whether a page's count holds any inline code. */
export function hasInlineCode(found: InlineCode): boolean {
  return found.scripts + found.styles + found.styleAttributes + found.eventHandlers > 0;
}

/** A page with inline code: its count and its file, relative to the build's folder. */
export type InlineCodePage = InlineCode & { file: string };

/**
 * What the whole-site passes counted on the pages they read and left as they are, for the
 * publisher's checks (their `--inline-code` file): every page read, and those with inline code.
 */
export type InlineCodeCount = { read: readonly string[]; pages: readonly InlineCodePage[] };

const attributePattern = /\s([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/**
 * Inline code of one HTML page, which the Content-Security-Policy blocks: `<script>` elements
 * with a body (other than JSON data blocks), `<style>` elements, `style="…"` attributes, event
 * handler attributes (`onclick`…) and `javascript:` addresses. Comments and data blocks are set
 * aside first, and attributes are read as attributes, so text that merely quotes markup is not
 * counted.
 */
export function inlineCodeOf(html: string): InlineCode {
  const found: InlineCode = { scripts: 0, styles: 0, styleAttributes: 0, eventHandlers: 0 };
  const markup = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (_, attributes: string, body: string) => {
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
      const data = type !== undefined && type !== 'module' && !type.includes('javascript');
      if (!data && !/\bsrc\s*=/i.test(attributes) && body.trim()) found.scripts += 1;
      return `<script${attributes}></script>`;
    })
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, () => {
      found.styles += 1;
      return '';
    });
  for (const tag of markup.matchAll(/<[a-z][^\s/>]*((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    for (const [, rawName = '', rawValue = ''] of (tag[1] ?? '').matchAll(attributePattern)) {
      const name = rawName.toLowerCase();
      const value = rawValue.replace(/^["']|["']$/g, '');
      if (name === 'style') found.styleAttributes += 1;
      else if (/^on[a-z]+$/.test(name) || /^\s*javascript:/i.test(decodeEntities(value))) found.eventHandlers += 1;
    }
  }
  return found;
}

/** Enough entity decoding to see `&#106;avascript:` for what it is. */
function decodeEntities(value: string): string {
  const character = (code: number) => (code <= 0x10ffff ? String.fromCodePoint(code) : '');
  return value
    .replace(/&#x([0-9a-f]{1,8});?/gi, (_, hex: string) => character(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,8});?/g, (_, decimal: string) => character(Number(decimal)))
    .replace(/[\t\n\r]/g, '');
}
