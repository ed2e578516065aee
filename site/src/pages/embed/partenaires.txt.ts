/**
 * docs/partners.md served by the site as plain text, so the builder page can link to the partner
 * documentation wherever the site is hosted (the repository's address is not the site's).
 */
import type { APIRoute } from 'astro';

import partnersGuide from '../../../../docs/partners.md?raw';

export const GET: APIRoute = () => new Response(partnersGuide, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
