import type { PayloadRequest } from 'payload';

/**
 * Runs a Local API call that reuses `req` (to stay in its transaction) without letting it
 * change the request's locale: Payload sets `req.locale` from the nested call's options, and
 * the rest of the outer operation would then write into the wrong language.
 */
export async function keepRequestLocale<T>(req: PayloadRequest, run: () => Promise<T>): Promise<T> {
  const { locale, fallbackLocale } = req;
  try {
    return await run();
  } finally {
    req.locale = locale;
    req.fallbackLocale = fallbackLocale;
  }
}
