import { describe, expect, it } from 'vitest';

import { siteContentType } from '../src/siteFiles';

describe('siteContentType', () => {
  it.each([
    ['/fr/index.html', 'text/html; charset=utf-8'],
    ['_astro/site.g-qp1vFLe6.css', 'text/css; charset=utf-8'],
    ['/ar/fiches.json', 'application/json; charset=utf-8'],
    ['C:\\deploys\\1\\favicon.SVG', 'image/svg+xml'],
    ['pagefind/fragment/fr_1a2b.pf_fragment', 'application/octet-stream'],
    ['fonts/marianne.woff', 'font/woff'],
  ])('serves %s as %s', (file, type) => {
    expect(siteContentType(file)).toBe(type);
  });

  it('serves unknown, missing and inherited extensions as bytes', () => {
    expect(siteContentType('/archive.tar.zst')).toBe('application/octet-stream');
    expect(siteContentType('/_redirects')).toBe('application/octet-stream');
    expect(siteContentType('/v1.2/README')).toBe('application/octet-stream');
    expect(siteContentType('/x.constructor')).toBe('application/octet-stream');
  });
});
