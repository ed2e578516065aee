/**
 * The Content-Security-Policy the browser tests serve the fixture build with: the one the
 * publish pipeline sends, without any hash for inline code, since the site has none — scripts
 * are external files (astro.config.ts), and no page has a style attribute or element
 * (test/build/budgets.test.ts).
 */
import { contentSecurityPolicy as policy } from '../../../scripts/src/cdnRules';

export const contentSecurityPolicy = policy();
