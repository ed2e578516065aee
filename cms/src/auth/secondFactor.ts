import {
  addDataAndFileToRequest,
  APIError,
  incrementLoginAttempts,
  type CollectionAfterChangeHook,
  type CollectionAfterErrorHook,
  type CollectionAfterOperationHook,
  type CollectionBeforeLoginHook,
  type CollectionBeforeOperationHook,
  type Endpoint,
  type PayloadRequest,
} from 'payload';

import type { UserRole } from '@passerelle/content-schemas';

import { enrolment, newTotpSecret, verifyTotpCode } from './totp';

/**
 * Two-factor authentication (TOTP) at login. The code goes with the e-mail and the password —
 * `totp` in the JSON body of `POST /api/users/login`, or the short-lived `passerelle-totp` cookie
 * the admin's login page sets — so a session token is only ever issued after both factors:
 * there is no half-signed-in state to guard elsewhere.
 *
 * Enrolment: `POST /api/users/totp/setup` with the e-mail and password returns a new secret and
 * its QR code (drawn on the server); the first login with a code from it turns it on. Only an
 * administrator turns it off (lost phone), by unticking « Double authentification activée ».
 */
export const secondFactorRoles: readonly UserRole[] = ['admin', 'expertTranslator'];

/** Required for those roles in production (TOTP_REQUIRED=true|false overrides, e.g. for local development). */
export function secondFactorRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.TOTP_REQUIRED === 'true') return true;
  if (env.TOTP_REQUIRED === 'false') return false;
  return env.NODE_ENV === 'production';
}

export const totpCookie = 'passerelle-totp';

type SecondFactorRecord = {
  id: string;
  email: string;
  roles?: UserRole[] | null;
  totpEnabled?: boolean | null;
  totpSecret?: string | null;
  totpPendingSecret?: string | null;
  totpLastStep?: number | null;
  loginAttempts?: number | null;
  lockUntil?: string | null;
};

const passwordOnly = 'passerelle:passwordOnly';
const withholdSession = 'passerelle:withholdSession';
const operationKey = 'passerelle:authOperation';
const failedUser = 'passerelle:secondFactorFailed';

/** Thrown from beforeLogin when only the password was to be checked (enrolment): nothing is signed. */
class PasswordChecked extends Error {
  constructor(readonly userId: string) {
    super('password checked');
  }
}

function codeFrom(req: PayloadRequest): string | undefined {
  const fromBody = (req.data as { totp?: unknown } | undefined)?.totp;
  if (typeof fromBody === 'string' || typeof fromBody === 'number') return String(fromBody);
  const cookie = req.headers
    .get('cookie')
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${totpCookie}=`));
  return cookie ? decodeURIComponent(cookie.slice(totpCookie.length + 1)) : undefined;
}

async function readRecord(req: PayloadRequest, id: string): Promise<SecondFactorRecord> {
  // The database adapter, not the Local API: these fields are unreadable through any API.
  const record = await req.payload.db.findOne<SecondFactorRecord>({ collection: 'users', where: { id: { equals: id } }, req });
  if (!record) throw new APIError('Compte introuvable.', 401, null, true);
  return record;
}

const refusedCode = (given: boolean): APIError =>
  new APIError(
    given
      ? 'Code de double authentification incorrect ou déjà utilisé. Attendez le code suivant de votre application et vérifiez l’heure de votre téléphone.'
      : 'Saisissez le code à 6 chiffres de votre application d’authentification (double authentification).',
    401,
    null,
    true,
  );

/** Remembers which operation is running: password reset also goes through beforeLogin. */
export const noteAuthOperation: CollectionBeforeOperationHook = ({ operation, req, args }) => {
  if (operation === 'login' || operation === 'resetPassword') req.context[operationKey] = operation;
  return args;
};

export const requireSecondFactor: CollectionBeforeLoginHook = async ({ req, user }) => {
  if (req.context[passwordOnly]) throw new PasswordChecked(String(user.id));
  const record = await readRecord(req, String(user.id));
  const code = codeFrom(req);
  const resetting = req.context[operationKey] === 'resetPassword';
  const fail = (given: boolean): never => {
    // Counted once the login's transaction is rolled back (countSecondFactorFailure).
    req.context[failedUser] = record.id;
    throw refusedCode(given);
  };

  if (record.totpEnabled && record.totpSecret) {
    if (!code) {
      // A reset by e-mail changes the password but signs nobody in without the code.
      if (resetting) {
        req.context[withholdSession] = true;
        return user;
      }
      return fail(false);
    }
    const step = verifyTotpCode(record.totpSecret, code, record.totpLastStep);
    if (step === null) return fail(true);
    await req.payload.db.updateOne({ collection: 'users', id: record.id, data: { totpLastStep: step }, req });
    return user;
  }
  if (record.totpPendingSecret && code) {
    const step = verifyTotpCode(record.totpPendingSecret, code, null);
    if (step === null) return fail(true);
    await req.payload.db.updateOne({
      collection: 'users',
      id: record.id,
      data: { totpEnabled: true, totpSecret: record.totpPendingSecret, totpPendingSecret: null, totpLastStep: step },
      req,
    });
    return { ...user, totpEnabled: true };
  }
  if (secondFactorRequired() && record.roles?.some((role) => secondFactorRoles.includes(role))) {
    // A reset, or the very first admin account (`/admin/create-first-user`, which signs in
    // inside the same transaction): saved, but no session until the second factor is set up.
    if (resetting || req.url?.includes('/first-register')) {
      req.context[withholdSession] = true;
      return user;
    }
    throw new APIError(
      'La double authentification est obligatoire pour les administrateurs et les traducteurs experts : activez-la d’abord avec « Activer la double authentification », sous le formulaire de connexion.',
      403,
      null,
      true,
    );
  }
  return user;
};

/**
 * A wrong or missing code counts like a wrong password: Payload's lockout of the account applies
 * (5 failures, 15 minutes). Done here, after the login's transaction was rolled back — inside it,
 * the count would be rolled back too.
 */
export const countSecondFactorFailure: CollectionAfterErrorHook = async ({ collection, req }) => {
  const id = req.context[failedUser];
  if (typeof id !== 'string') return;
  delete req.context[failedUser];
  const record = await req.payload.db.findOne<SecondFactorRecord>({ collection: 'users', where: { id: { equals: id } } });
  if (record) await incrementLoginAttempts({ collection, payload: req.payload, user: record as never });
};

/** After a reset (or a first registration) without the second factor, the account is saved but no session is handed out. */
export const withholdResetSession: CollectionAfterOperationHook = ({ operation, req, result }) => {
  if ((operation !== 'resetPassword' && operation !== 'login') || !req.context[withholdSession]) return result;
  return { ...(result as object), token: undefined } as unknown as typeof result;
};

/** When an administrator turns it off (lost phone), the secrets go too: the next login enrols anew. */
export const clearSecondFactor: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (previousDoc?.totpEnabled && !doc.totpEnabled) {
    await req.payload.db.updateOne({
      collection: 'users',
      id: doc.id,
      data: { totpSecret: null, totpPendingSecret: null, totpLastStep: null },
      req,
    });
  }
  return doc;
};

/** `POST /api/users/totp/setup` {email, password}: a new secret and its QR code, for whoever proves the password. */
export const totpSetupEndpoint: Endpoint = {
  path: '/totp/setup',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req);
    const data = (req.data ?? {}) as { email?: unknown; password?: unknown };
    const email = typeof data.email === 'string' ? data.email.trim() : '';
    const password = typeof data.password === 'string' ? data.password : '';
    if (!email || !password) throw new APIError('Indiquez votre adresse e-mail et votre mot de passe.', 400, null, true);
    let userId: string | undefined;
    req.context[passwordOnly] = true;
    try {
      // Payload's own login checks the password, the lockout and the throttling per address;
      // beforeLogin then stops it before any session exists.
      await req.payload.login({ collection: 'users', data: { email, password }, req });
    } catch (error) {
      if (!(error instanceof PasswordChecked)) throw error;
      userId = error.userId;
    } finally {
      delete req.context[passwordOnly];
    }
    if (!userId) throw new APIError('Vérification impossible.', 500);
    const record = await readRecord(req, userId);
    if (record.totpEnabled) {
      throw new APIError(
        'La double authentification est déjà activée pour ce compte. Si vous n’avez plus votre téléphone, demandez à un administrateur de la réinitialiser.',
        409,
        null,
        true,
      );
    }
    const secret = newTotpSecret();
    await req.payload.db.updateOne({ collection: 'users', id: userId, data: { totpPendingSecret: secret } });
    return Response.json(enrolment(secret, record.email), { headers: { 'Cache-Control': 'no-store' } });
  },
};
