import { APIError, type CollectionAfterErrorHook, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Throttling per client address for the login and the password-reset request, on top of
 * Payload's lockout per account (5 wrong passwords lock that account for 15 minutes). Without it
 * one address can try passwords on every account in turn, or keep a given account locked, or
 * send reset e-mails without end.
 *
 * The counters live in this process's memory: they are lost on restart and not shared between
 * several CMS processes (each one then allows as much). One process is what the README deploys.
 */
export const loginFailuresPerAddress = { points: 10, duration: 15 * 60 };
export const resetRequestsPerAddress = { points: 5, duration: 60 * 60 };

let loginFailures = new RateLimiterMemory({ keyPrefix: 'login-failures', ...loginFailuresPerAddress });
let resetRequests = new RateLimiterMemory({ keyPrefix: 'reset-requests', ...resetRequestsPerAddress });

/** Tests start each case with empty counters. */
export function resetThrottling(): void {
  loginFailures = new RateLimiterMemory({ keyPrefix: 'login-failures', ...loginFailuresPerAddress });
  resetRequests = new RateLimiterMemory({ keyPrefix: 'reset-requests', ...resetRequestsPerAddress });
}

/**
 * The client's address as the last trusted proxy saw it. `next start` fills X-Forwarded-For from
 * the socket only when the request has none, so the CMS must sit behind a reverse proxy that sets
 * or appends it (TRUSTED_PROXY_HOPS proxies, 1 by default: the rightmost entry). No header at
 * all means a call from inside the server (Local API, tests): not throttled.
 */
export function clientAddress(headers: Headers, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const hops = Math.max(1, Number.parseInt(env.TRUSTED_PROXY_HOPS ?? '1', 10) || 1);
  const forwarded = headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded?.length) return forwarded[Math.max(0, forwarded.length - hops)];
  return headers.get('x-real-ip')?.trim() || undefined;
}

function minutes(ms: number): string {
  const count = Math.max(1, Math.ceil(ms / 60_000));
  return count === 1 ? '1 minute' : `${count} minutes`;
}

function tooMany(req: PayloadRequest, message: string, msBeforeNext: number): APIError {
  // routeError merges req.responseHeaders into the error response.
  req.responseHeaders = new Headers({ 'Retry-After': String(Math.ceil(msBeforeNext / 1000)) });
  return new APIError(message, 429, null, true);
}

const addressKey = 'throttledAddress';

/** Refuses a login from an address with too many recent failures, and a reset request beyond the quota. */
export const throttleAuthAttempts: CollectionBeforeOperationHook = async ({ operation, req, args }) => {
  if (operation !== 'login' && operation !== 'forgotPassword') return args;
  const address = clientAddress(req.headers);
  if (!address) return args;
  if (operation === 'login') {
    const state = await loginFailures.get(address);
    if (state && state.consumedPoints >= loginFailuresPerAddress.points) {
      throw tooMany(
        req,
        `Trop de tentatives de connexion échouées depuis votre adresse. Réessayez dans ${minutes(state.msBeforeNext)}.`,
        state.msBeforeNext,
      );
    }
    req.context[addressKey] = address;
    return args;
  }
  try {
    await resetRequests.consume(address);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw tooMany(
      req,
      `Trop de demandes de réinitialisation du mot de passe depuis votre adresse. Réessayez dans ${minutes(rejection.msBeforeNext)}.`,
      rejection.msBeforeNext,
    );
  }
  return args;
};

/** A failed login (wrong password, locked account, wrong or missing second-factor code) counts against its address. */
export async function recordLoginFailure(req: PayloadRequest): Promise<void> {
  const address = req.context[addressKey];
  if (typeof address !== 'string') return;
  // A rejection only means the quota is already used up; the next attempt is refused up front.
  await loginFailures.consume(address).catch((rejection: unknown) => {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  });
}

export const countLoginFailures: CollectionAfterErrorHook = async ({ error, req }) => {
  const status = (error as { status?: number }).status;
  if (status === 401 || status === 423) await recordLoginFailure(req);
};
