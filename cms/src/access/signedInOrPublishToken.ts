import type { Access } from 'payload';

import { hasPublishToken } from '../publishing/publishToken';

/** Builds: every signed-in user reads them (the admin shows the latest); scripts with the token too. */
export const signedInOrPublishToken: Access = ({ req }) => Boolean(req.user) || hasPublishToken(req);
