/**
 * The Content-Security-Policy the browser tests serve the fixture build with: the one the
 * publish pipeline sends (scripts/src/cdnRules.ts), without any hash for inline code, since the
 * site has none — scripts are external files (astro.config.ts), and no page has a style
 * attribute or element (test/build/budgets.test.ts). Pagefind compiles WebAssembly.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
