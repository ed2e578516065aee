/**
 * The RGAA audit report (docs/accessibility/audit-rgaa-4.1.md) served as plain text, so the
 * accessibility statement can link to its criterion-by-criterion detail wherever the site is hosted.
 */
import type { APIRoute } from 'astro';

import { auditSource } from '../../lib/siteAudit';

export const GET: APIRoute = () => new Response(auditSource, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
