/** Inline code in a built page, which the Content-Security-Policy would block (verifyDeploy.ts). */
import { ficheSegments, type Locale } from '@passerelle/content-schemas';

// Where the pages are read (the publisher's checks, or the whole-site passes that read every page
// anyway, site/src/integrations/wholeSitePasses.ts), the same function counts.
export {
  hasInlineCode,
  inlineCodeOf,
  type InlineCode,
  type InlineCodeCount,
  type InlineCodePage,
} from '@passerelle/content-schemas/transforms/inlineCode';

export function pagePathOf(file: string): string | undefined {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return undefined;
}

export function fichePagePattern(locale: Locale): RegExp {
  return new RegExp(`^${locale}/(${Object.values(ficheSegments).join('|')})/[^/]+/index\\.html$`);
}
