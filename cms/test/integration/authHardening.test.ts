/**
 * Password policy, throttling per address and session cookies, through Payload's real REST
 * handlers (as an HTTP client meets them) on a throw-away database.
 */
import { REST_PATCH, REST_POST } from '@payloadcms/next/routes';
import type { Payload, SanitizedConfig } from 'payload';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { loginFailuresPerAddress, resetRequestsPerAddress, resetThrottling } from '../../src/auth/throttle';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const password = 'une phrase assez longue';
let testPayload: TestPayload;
let payload: Payload;
let config: Promise<SanitizedConfig>;
let adminToken: string;

type Reply = { status: number; body: any; headers: Headers };

async function call(
  method: 'POST' | 'PATCH',
  path: string,
  options: { body?: unknown; token?: string; address?: string } = {},
): Promise<Reply> {
  const url = new URL(`http://localhost/api${path}`);
  const headers = new Headers({ 'content-type': 'application/json' });
  if (options.token) headers.set('authorization', `JWT ${options.token}`);
  // What `next start` (or the reverse proxy in front of it) puts on every request.
  if (options.address) headers.set('x-forwarded-for', options.address);
  const request = new Request(url, { method, headers, body: JSON.stringify(options.body ?? {}) });
  const handler = method === 'POST' ? REST_POST(config) : REST_PATCH(config);
  const response = await handler(request, { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

const firstError = (reply: Reply): string =>
  reply.body?.errors?.[0]?.data?.errors?.[0]?.message ?? reply.body?.errors?.[0]?.message;

beforeAll(async () => {
  // A CMS served over https, as production requires.
  process.env.PAYLOAD_PUBLIC_SERVER_URL = 'https://cms.example.org';
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  config = testPayload.config;
  await payload.create({
    collection: 'users',
    data: { email: 'admin@example.test', name: 'Admin', password, roles: ['admin'], languages: [] },
  });
  await payload.create({
    collection: 'users',
    data: { email: 'editor@example.test', name: 'Éditrice', password, roles: ['editor'], languages: [] },
  });
  adminToken = (await call('POST', '/users/login', { body: { email: 'admin@example.test', password } })).body.token;
});

afterAll(async () => {
  await testPayload?.cleanup();
  delete process.env.PAYLOAD_PUBLIC_SERVER_URL;
});

beforeEach(() => resetThrottling());

describe('passwords', () => {
  it('refuses a password under 12 characters at creation, in French', async () => {
    const reply = await call('POST', '/users', {
      token: adminToken,
      body: { email: 'court@example.test', name: 'Court', password: 'abc', roles: ['translator'] },
    });
    expect(reply.status).toBe(400);
    expect(firstError(reply)).toMatch(/au moins 12 caractères \(il en a 3\)/);
    expect((await payload.count({ collection: 'users', where: { email: { equals: 'court@example.test' } } })).totalDocs).toBe(0);
  });

  it('refuses a common password of 12 characters or more', async () => {
    for (const common of ['qwerty123456', 'Motdepasse2024!', 'azertyuiop123', '111111111111', 'abcdefghijklmn']) {
      const reply = await call('POST', '/users', {
        token: adminToken,
        body: { email: 'commun@example.test', name: 'Commun', password: common, roles: ['translator'] },
      });
      expect(reply.status, common).toBe(400);
      expect(firstError(reply), common).toMatch(/plus courants/);
    }
  });

  it('refuses a weak password on change, and keeps the old one', async () => {
    const editor = (await payload.find({ collection: 'users', where: { email: { equals: 'editor@example.test' } } })).docs[0]!;
    const reply = await call('PATCH', `/users/${editor.id}`, { token: adminToken, body: { password: 'password1234' } });
    expect(reply.status).toBe(400);
    expect(firstError(reply)).toMatch(/plus courants/);
    expect((await call('POST', '/users/login', { body: { email: 'editor@example.test', password } })).status).toBe(200);
  });

  it('refuses a weak password on reset', async () => {
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: 'editor@example.test' },
      disableEmail: true,
    });
    const reply = await call('POST', '/users/reset-password', { body: { token, password: 'court' } });
    expect(reply.status).toBe(400);
    expect(firstError(reply)).toMatch(/au moins 12 caractères/);
    expect((await call('POST', '/users/login', { body: { email: 'editor@example.test', password } })).status).toBe(200);
  });

  it('accepts a long uncommon password everywhere', async () => {
    const created = await call('POST', '/users', {
      token: adminToken,
      body: { email: 'phrase@example.test', name: 'Phrase', password: 'le chat dort sur le radiateur', roles: ['translator'] },
    });
    expect(created.status).toBe(201);
  });
});

describe('throttling per address', () => {
  it('answers 429 in French after too many failed logins from one address, whatever the account', async () => {
    for (let attempt = 0; attempt < loginFailuresPerAddress.points; attempt += 1) {
      // A different account each time, so Payload's lockout per account (5) is not what stops them.
      const email = `inconnu-${attempt}@example.test`;
      const reply = await call('POST', '/users/login', {
        address: '203.0.113.7',
        body: { email, password: 'pas le bon mot de passe' },
      });
      expect(reply.status).toBe(401);
    }
    const blocked = await call('POST', '/users/login', {
      address: '203.0.113.7',
      body: { email: 'admin@example.test', password },
    });
    expect(blocked.status).toBe(429);
    expect(firstError(blocked)).toMatch(
      /^Trop de tentatives de connexion échouées depuis votre adresse\. Réessayez dans \d+ minutes?\.$/,
    );
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address still signs in (the accounts themselves were not locked by these failures).
    expect(
      (await call('POST', '/users/login', { address: '198.51.100.4', body: { email: 'admin@example.test', password } })).status,
    ).toBe(200);
  });

  it('does not count successful logins', async () => {
    for (let attempt = 0; attempt < loginFailuresPerAddress.points + 2; attempt += 1) {
      const reply = await call('POST', '/users/login', {
        address: '203.0.113.8',
        body: { email: 'admin@example.test', password },
      });
      expect(reply.status).toBe(200);
    }
  });

  it('reads the address the nearest proxy appended, not one the client made up', async () => {
    for (let attempt = 0; attempt < loginFailuresPerAddress.points; attempt += 1) {
      await call('POST', '/users/login', {
        address: `10.0.0.${attempt}, 203.0.113.9`,
        body: { email: 'nobody@example.test', password: 'pas le bon mot de passe' },
      });
    }
    const blocked = await call('POST', '/users/login', {
      address: '10.9.9.9, 203.0.113.9',
      body: { email: 'admin@example.test', password },
    });
    expect(blocked.status).toBe(429);
  });

  it('limits password-reset requests per address', async () => {
    for (let attempt = 0; attempt < resetRequestsPerAddress.points; attempt += 1) {
      const reply = await call('POST', '/users/forgot-password', {
        address: '203.0.113.10',
        body: { email: 'editor@example.test' },
      });
      expect(reply.status).toBe(200);
    }
    const blocked = await call('POST', '/users/forgot-password', {
      address: '203.0.113.10',
      body: { email: 'editor@example.test' },
    });
    expect(blocked.status).toBe(429);
    expect(firstError(blocked)).toMatch(
      /^Trop de demandes de réinitialisation du mot de passe depuis votre adresse\. Réessayez dans \d+ minutes?\.$/,
    );
  });
});

describe('session cookie', () => {
  it('is Secure, HttpOnly and SameSite=Lax when the CMS is served over https', async () => {
    const reply = await call('POST', '/users/login', { body: { email: 'admin@example.test', password } });
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^payload-token=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});
