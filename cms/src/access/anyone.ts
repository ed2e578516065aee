import type { Access } from 'payload';

/** For reference data that has no drafts (themes, needs, media): public by design. */
export const anyone: Access = () => true;
