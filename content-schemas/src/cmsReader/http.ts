/**
 * The HTTP client of the CMS reader: a GET with a deadline for the whole exchange, sent again
 * once after a network error. Used by the reader and by the publisher's own reads of the CMS.
 */
import { CmsReadError } from '../transforms/cmsContent';

/**
 * How long one read of the CMS may take, answer and body together. A CMS that accepts the
 * connection and then hangs would otherwise stall a publication until the job is killed (15 min).
 * A page of 100 fiches in 8 languages is a few megabytes: seconds even on a slow server.
 */
export const cmsTimeoutMs = 30_000;

/** The CMS did not answer in time: not retried, since asking again would only double the wait. */
export class CmsTimeoutError extends CmsReadError {
  override name = 'CmsTimeoutError';
}

/**
 * A GET with a deadline for the whole exchange: headers and body. The body is read within the
 * deadline and handed back buffered. `fetchImpl` gets the abort signal, and the deadline holds
 * even for one that ignores it.
 */
export async function fetchWithDeadline(
  url: string | URL,
  fetchImpl: typeof fetch,
  { timeoutMs, headers }: { timeoutMs: number; headers?: Record<string, string> },
): Promise<Response> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CmsTimeoutError(`the CMS did not answer within ${formatDuration(timeoutMs)} at ${String(url)}`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const response = await fetchImpl(url, { headers, signal: controller.signal });
        const body = await response.arrayBuffer();
        return new Response(response.status === 204 || response.status === 304 ? null : body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    deadline.catch(() => {});
  }
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Every read of the CMS (the export's pages, the publisher's checks). A GET may be sent again.
 * Once, after a network error: a kept-alive connection that the server
 * closes just as the next page is asked for fails that request although nothing is wrong, and
 * one lost page must not cancel a whole publication. A CMS that is really down fails twice; one
 * that does not answer within `timeoutMs` fails at once (CmsTimeoutError).
 */
export async function getFromCms(
  url: string | URL,
  fetchImpl: typeof fetch = fetch,
  { timeoutMs = cmsTimeoutMs }: { timeoutMs?: number } = {},
): Promise<Response> {
  const get = () => fetchWithDeadline(url, fetchImpl, { timeoutMs, headers: { accept: 'application/json' } });
  try {
    return await get();
  } catch (error) {
    if (error instanceof CmsTimeoutError) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return get();
  }
}

/** Node's fetch says only "fetch failed"; the reason (refused, reset, timed out) is in its cause. */
export function networkErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const reason = cause?.code ?? cause?.message;
  return reason ? `${error.message}: ${reason}` : error.message;
}
