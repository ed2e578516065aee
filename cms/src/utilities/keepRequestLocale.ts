import type { PayloadRequest, RequestContext } from 'payload';

/**
 * Runs a Local API call that reuses `req` (to stay in its transaction) without letting it
 * change the request's locale: Payload sets `req.locale` from the nested call's options, and
 * the rest of the outer operation would then write into the wrong language. `context` is
 * added to `req.context` for the nested call only.
 */
export async function keepRequestLocale<T>(req: PayloadRequest, run: () => Promise<T>, context?: RequestContext): Promise<T> {
  const { locale, fallbackLocale } = req;
  const outerContext = req.context;
  if (context) req.context = { ...outerContext, ...context };
  try {
    return await run();
  } finally {
    req.locale = locale;
    req.fallbackLocale = fallbackLocale;
    req.context = outerContext;
  }
}
