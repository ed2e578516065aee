/**
 * Headers of every response of the admin and the API (set in next.config.ts). The admin is never
 * framed — by no one, itself included — so a page cannot trick a signed-in editor into clicking
 * through it (clickjacking). HSTS keeps browsers on https once they have seen it; they ignore it
 * over plain http, so `npm start` on http://localhost is unaffected.
 */
export const securityHeaders: { key: string; value: string }[] = [
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];
