/**
 * The public address of the CMS, read from PAYLOAD_PUBLIC_SERVER_URL. Payload derives its CSRF
 * origin list from it and the session cookie is marked `Secure` when it is https, so a production
 * CMS without it (or on plain http) would accept cross-site requests or send cookies in clear.
 * Kept free of Payload imports: next.config.ts checks it before the server starts.
 */
export class ServerUrlError extends Error {
  override name = 'ServerUrlError';
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export function publicServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.PAYLOAD_PUBLIC_SERVER_URL?.trim() ?? '';
  const production = env.NODE_ENV === 'production';
  // `next build` evaluates the config to collect routes; the server checks again when it starts.
  const building = env.NEXT_PHASE === 'phase-production-build';
  if (!value) {
    if (production && !building) {
      throw new ServerUrlError(
        'PAYLOAD_PUBLIC_SERVER_URL is required when NODE_ENV=production: the public https address of the CMS, e.g. https://cms.example.org (the CSRF origin list is derived from it).',
      );
    }
    return '';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServerUrlError(`PAYLOAD_PUBLIC_SERVER_URL "${value}" is not an address; write e.g. https://cms.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ServerUrlError(`PAYLOAD_PUBLIC_SERVER_URL "${value}" must start with https:// (or http:// on this machine only)`);
  }
  // Plain http only for a CMS reached on this machine (`npm start`): elsewhere the session
  // cookie would travel in clear, and a `Secure` cookie would never come back.
  if (production && !building && url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    throw new ServerUrlError(
      `PAYLOAD_PUBLIC_SERVER_URL "${value}" uses http:// in production; serve the CMS over https (http is accepted for localhost only)`,
    );
  }
  return value.replace(/\/+$/, '');
}

/** Session cookies are `Secure` whenever the CMS is served over https — always, in production. */
export function secureCookies(serverUrl: string): boolean {
  return serverUrl.startsWith('https://');
}
