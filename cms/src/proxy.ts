import { NextResponse, type NextRequest } from 'next/server';

/** Payload reads the admin language from this cookie first, then from the browser's Accept-Language. */
const languageCookie = 'payload-lng';

/**
 * The admin speaks French unless a user picked another language in their account: without
 * this, a browser set to English would get an English admin on first visit.
 */
export function proxy(request: NextRequest): NextResponse {
  if (request.cookies.has(languageCookie)) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set('cookie', [request.headers.get('cookie'), `${languageCookie}=fr`].filter(Boolean).join('; '));
  const response = NextResponse.next({ request: { headers } });
  response.cookies.set(languageCookie, 'fr', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
  return response;
}

export const config = { matcher: ['/admin/:path*'] };
