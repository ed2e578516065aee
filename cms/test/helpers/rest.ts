import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes';
import type { SanitizedConfig } from 'payload';

export type RestResponse = { status: number; body: any };
export type RestClient = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options?: { token?: string; body?: unknown },
) => Promise<RestResponse>;

/**
 * Calls Payload's real REST handlers (the ones Next mounts under /api) without a server, so
 * access rules are exercised exactly as an HTTP client meets them.
 */
export function restClient(config: Promise<SanitizedConfig>): RestClient {
  const handlers = { GET: REST_GET(config), POST: REST_POST(config), PATCH: REST_PATCH(config), DELETE: REST_DELETE(config) };
  return async (method, path, options = {}) => {
    const url = new URL(`http://localhost/api${path}`);
    const slug = url.pathname.replace(/^\/api\//, '').split('/');
    const headers = new Headers({ 'content-type': 'application/json' });
    if (options.token) headers.set('authorization', `JWT ${options.token}`);
    const request = new Request(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const response = await handlers[method](request, { params: Promise.resolve({ slug }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}
