import { PHASE_PRODUCTION_BUILD } from 'next/constants.js';
import { describe, expect, it } from 'vitest';

import nextConfig from '../../next.config';

describe('admin security headers (next.config.ts)', () => {
  it('forbid framing and set HSTS on every admin and API path', async () => {
    const rules = (await nextConfig(PHASE_PRODUCTION_BUILD).headers?.()) ?? [];
    const everyPath = rules.find(
      (rule) => rule.source === '/:path*' && rule.headers.some((header) => header.key === 'X-Frame-Options'),
    );
    expect(everyPath).toBeDefined();
    const headers = Object.fromEntries(everyPath!.headers.map((header) => [header.key.toLowerCase(), header.value]));
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toMatch(/^max-age=31536000/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
