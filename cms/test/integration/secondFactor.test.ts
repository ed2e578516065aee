/**
 * Two-factor authentication through Payload's real REST handlers: enrolment with a QR code,
 * the code at login (JSON body or the admin's cookie), replay, lockout, reset, and what no API shows.
 */
import { REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes';
import type { Payload, SanitizedConfig } from 'payload';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { resetThrottling } from '../../src/auth/throttle';
import { currentTotpCode } from '../../src/auth/totp';
import { createTestPayload, type TestPayload } from '../helpers/payload';

const password = 'une phrase assez longue';
let testPayload: TestPayload;
let payload: Payload;
let config: Promise<SanitizedConfig>;
let expertToken: string;
let firstRegister: Reply;

type Reply = { status: number; body: any; headers: Headers };

async function call(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: { body?: unknown; token?: string; cookie?: string } = {},
): Promise<Reply> {
  const url = new URL(`http://localhost/api${path}`);
  const headers = new Headers({ 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' });
  if (options.token) headers.set('authorization', `JWT ${options.token}`);
  if (options.cookie) headers.set('cookie', options.cookie);
  const request = new Request(url, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}) });
  const handler = { GET: REST_GET(config), POST: REST_POST(config), PATCH: REST_PATCH(config) }[method];
  const response = await handler(request, { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

const message = (reply: Reply): string => reply.body?.errors?.[0]?.message;
const login = (email: string, extra: Record<string, unknown> = {}, cookie?: string) =>
  call('POST', '/users/login', { body: { email, password, ...extra }, cookie });

async function stored(email: string) {
  const record = await payload.db.findOne<{
    id: string;
    totpEnabled: boolean;
    totpSecret: string | null;
    totpPendingSecret: string | null;
    loginAttempts: number;
  }>({
    collection: 'users',
    where: { email: { equals: email } },
  });
  return record!;
}

beforeAll(async () => {
  process.env.TOTP_REQUIRED = 'true';
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  config = testPayload.config;
  // The very first account, as /admin/create-first-user makes it (always an admin).
  firstRegister = await call('POST', '/users/first-register', {
    body: { email: 'first@example.test', name: 'Première', password, 'confirm-password': password, roles: ['admin'] },
  });
  const users = [
    ['admin@example.test', ['admin'], []],
    ['expert@example.test', ['expertTranslator'], ['ar']],
    ['editor@example.test', ['editor'], []],
  ] as const;
  for (const [email, roles, languages] of users) {
    await payload.create({
      collection: 'users',
      data: { email, name: email, password, roles: [...roles], languages: [...languages] },
    });
  }
});

afterAll(async () => {
  await testPayload?.cleanup();
  delete process.env.TOTP_REQUIRED;
});

beforeEach(() => resetThrottling());

describe('two-factor authentication', () => {
  it('is required for admins and expert translators before any session exists', async () => {
    for (const email of ['admin@example.test', 'expert@example.test']) {
      const reply = await login(email);
      expect(reply.status).toBe(403);
      expect(message(reply)).toMatch(/^La double authentification est obligatoire/);
      expect(reply.body.token).toBeUndefined();
      expect(reply.headers.get('set-cookie') ?? '').not.toMatch(/payload-token=\w/);
    }
  });

  it('lets the very first admin account be created, without a session until it is set up', async () => {
    expect(firstRegister.status).toBe(200);
    expect(firstRegister.body.token).toBeUndefined();
    expect((await payload.count({ collection: 'users', where: { email: { equals: 'first@example.test' } } })).totalDocs).toBe(1);
    expect((await login('first@example.test')).status).toBe(403);
  });

  it('is optional for other roles', async () => {
    expect((await login('editor@example.test')).status).toBe(200);
  });

  it('enrols with the password only, with a QR code drawn locally', async () => {
    expect(
      (await call('POST', '/users/totp/setup', { body: { email: 'expert@example.test', password: 'pas le bon mot de passe' } }))
        .status,
    ).toBe(401);
    const reply = await call('POST', '/users/totp/setup', { body: { email: 'expert@example.test', password } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('set-cookie') ?? '').not.toMatch(/payload-token=\w/);
    expect(reply.body.qrCode).toMatch(/^data:image\/gif;base64,/);
    expect(reply.body.uri).toBe(
      `otpauth://totp/Passerelle:expert%40example.test?issuer=Passerelle&secret=${reply.body.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    const record = await stored('expert@example.test');
    expect(record.totpPendingSecret).toBe(reply.body.secret);
    expect(record.totpEnabled).toBeFalsy();
  });

  it('turns on at the first login with a code, which is then good once only', async () => {
    const { totpPendingSecret: secret } = await stored('expert@example.test');
    const code = currentTotpCode(secret!);
    const first = await login('expert@example.test', { totp: code });
    expect(first.status).toBe(200);
    expect(first.body.token).toEqual(expect.any(String));
    expect(first.body.user.totpEnabled).toBe(true);
    const record = await stored('expert@example.test');
    expect(record.totpSecret).toBe(secret);
    expect(record.totpPendingSecret).toBeNull();

    const replay = await login('expert@example.test', { totp: code });
    expect(replay.status).toBe(401);
    expect(message(replay)).toMatch(/incorrect ou déjà utilisé/);
  });

  it('asks for the code, refuses a wrong one and counts it towards the lockout', async () => {
    const before = (await stored('expert@example.test')).loginAttempts ?? 0;
    const missing = await login('expert@example.test');
    expect(missing.status).toBe(401);
    expect(message(missing)).toMatch(/^Saisissez le code à 6 chiffres/);
    const wrong = await login('expert@example.test', { totp: '000000' });
    expect(wrong.status).toBe(401);
    expect((await stored('expert@example.test')).loginAttempts).toBe(before + 2);
  });

  it('accepts the code from the admin login page’s cookie', async () => {
    const { totpSecret } = await stored('expert@example.test');
    // The next time step: the previous one was used above.
    const code = currentTotpCode(totpSecret!, Date.now() + 30_000);
    const reply = await login('expert@example.test', {}, `passerelle-totp=${code}`);
    expect(reply.status).toBe(200);
    expertToken = reply.body.token;
  });

  it('never shows the secrets through the API, even to an administrator', async () => {
    const { id } = await stored('expert@example.test');
    const editorToken = (await login('editor@example.test')).body.token;
    expect((await call('GET', `/users/${id}`, { token: editorToken })).status).toBe(404);
    // An admin, enrolled the same way.
    const setup = await call('POST', '/users/totp/setup', { body: { email: 'admin@example.test', password } });
    const adminToken = (await login('admin@example.test', { totp: currentTotpCode(setup.body.secret) })).body.token;
    const reply = await call('GET', `/users/${id}`, { token: adminToken });
    expect(reply.status).toBe(200);
    expect(reply.body.totpEnabled).toBe(true);
    for (const hidden of ['totpSecret', 'totpPendingSecret', 'totpLastStep']) expect(reply.body).not.toHaveProperty(hidden);
  });

  it('cannot be enrolled again while on, and only an administrator turns it off', async () => {
    const again = await call('POST', '/users/totp/setup', { body: { email: 'expert@example.test', password } });
    expect(again.status).toBe(409);
    expect(message(again)).toMatch(/déjà activée/);

    const { id } = await stored('expert@example.test');
    // The expert cannot switch it off for themselves (field reserved to admins): the value stays.
    expect(expertToken).toEqual(expect.any(String));
    expect(
      (await call('PATCH', `/users/${id}`, { token: expertToken, body: { name: 'Amina', totpEnabled: false } })).status,
    ).toBe(200);
    expect((await stored('expert@example.test')).totpEnabled).toBe(true);

    const admin = await stored('admin@example.test');
    const adminToken = (await login('admin@example.test', { totp: currentTotpCode(admin.totpSecret!, Date.now() + 30_000) })).body
      .token;
    expect((await call('PATCH', `/users/${id}`, { token: adminToken, body: { totpEnabled: false } })).status).toBe(200);
    const cleared = await stored('expert@example.test');
    expect(cleared.totpEnabled).toBe(false);
    expect(cleared.totpSecret).toBeNull();
    // Nobody turns it on without a code.
    await call('PATCH', `/users/${id}`, { token: adminToken, body: { totpEnabled: true } });
    expect((await stored('expert@example.test')).totpEnabled).toBe(false);
    expect((await login('expert@example.test')).status).toBe(403);
  });

  it('lets a password reset by e-mail through without signing in, when the second factor is on', async () => {
    // The editor turns it on (optional for that role).
    const setup = await call('POST', '/users/totp/setup', { body: { email: 'editor@example.test', password } });
    expect((await login('editor@example.test', { totp: currentTotpCode(setup.body.secret) })).status).toBe(200);
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: 'editor@example.test' },
      disableEmail: true,
    });
    const reply = await call('POST', '/users/reset-password', { body: { token, password: 'une toute nouvelle phrase' } });
    expect(reply.status).toBe(200);
    expect(reply.body.token).toBeUndefined();
    expect(reply.headers.get('set-cookie') ?? '').not.toMatch(/payload-token=[\w-]+\.[\w-]+\.[\w-]+/);
    const withoutCode = await call('POST', '/users/login', {
      body: { email: 'editor@example.test', password: 'une toute nouvelle phrase' },
    });
    expect(withoutCode.status).toBe(401);
    const after = await call('POST', '/users/login', {
      body: {
        email: 'editor@example.test',
        password: 'une toute nouvelle phrase',
        totp: currentTotpCode(setup.body.secret, Date.now() + 30_000),
      },
    });
    expect(after.status).toBe(200);
  });
});
