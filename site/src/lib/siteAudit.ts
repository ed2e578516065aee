/**
 * The site's own RGAA audit, parsed once per build: the statement page and the footer read it
 * from here. A document that can't be parsed fails the build (src/lib/accessibilityAudit.ts).
 */
import auditSource from '../../../docs/accessibility/audit-rgaa-4.1.md?raw';

import { parseAccessibilityAudit } from './accessibilityAudit';

export const siteAudit = parseAccessibilityAudit(auditSource);
export { auditSource };
