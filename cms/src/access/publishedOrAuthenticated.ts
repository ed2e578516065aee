import type { Access } from 'payload';

/** Signed-in staff see drafts; everyone else gets a query that only matches published documents. */
export const publishedOrAuthenticated: Access = ({ req: { user } }) => {
  if (user) return true;
  return { _status: { equals: 'published' } };
};
