import { describe, expect, it } from 'vitest';

import { publicServerUrl, secureCookies, ServerUrlError } from '../../src/utilities/serverUrl';

describe('publicServerUrl', () => {
  it('is required in production, with one line naming the variable and why', () => {
    expect(() => publicServerUrl({ NODE_ENV: 'production' })).toThrow(ServerUrlError);
    expect(() => publicServerUrl({ NODE_ENV: 'production' })).toThrow(
      /^PAYLOAD_PUBLIC_SERVER_URL is required when NODE_ENV=production: .*CSRF/,
    );
  });

  it('may be missing outside production and while `next build` collects routes', () => {
    expect(publicServerUrl({ NODE_ENV: 'development' })).toBe('');
    expect(publicServerUrl({ NODE_ENV: 'test' })).toBe('');
    expect(publicServerUrl({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).toBe('');
  });

  it('refuses plain http in production except on this machine', () => {
    expect(() => publicServerUrl({ NODE_ENV: 'production', PAYLOAD_PUBLIC_SERVER_URL: 'http://cms.example.org' })).toThrow(
      /https/,
    );
    expect(publicServerUrl({ NODE_ENV: 'production', PAYLOAD_PUBLIC_SERVER_URL: 'http://localhost:3000' })).toBe(
      'http://localhost:3000',
    );
    expect(publicServerUrl({ NODE_ENV: 'production', PAYLOAD_PUBLIC_SERVER_URL: 'https://cms.example.org/' })).toBe(
      'https://cms.example.org',
    );
  });

  it.each(['cms.example.org', 'ftp://cms.example.org'])('refuses %j', (value) => {
    expect(() => publicServerUrl({ NODE_ENV: 'development', PAYLOAD_PUBLIC_SERVER_URL: value })).toThrow(ServerUrlError);
  });
});

describe('secureCookies', () => {
  it('marks cookies Secure over https only', () => {
    expect(secureCookies('https://cms.example.org')).toBe(true);
    expect(secureCookies('http://localhost:3000')).toBe(false);
    expect(secureCookies('')).toBe(false);
  });
});
