import type { Access } from 'payload';

/** Records written only by the system (build records by the publish job, redirects by a hook). */
export const nobody: Access = () => false;
