/**
 * The fixture build served as the CDN serves a deploy (scripts/src/staticServer.ts: compression,
 * directory indexes, 404 pages), with the Content-Security-Policy the deploy sends, so browser
 * tests see what readers get.
 */
import type { AddressInfo } from 'node:net';

import { createStaticServer } from '../../../scripts/src/staticServer';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { testDistDir } from './paths';

export async function serveAsCdn(root = testDistDir): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createStaticServer({ root: () => root });
  server.prependListener('request', (_request, response) => response.setHeader('content-security-policy', contentSecurityPolicy));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
