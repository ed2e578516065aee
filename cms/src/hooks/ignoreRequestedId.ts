import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload';

/**
 * The database adapters allow an id on create (`allowIDOnCreate`) so that `npm run import` keeps
 * a snapshot's ids and can resume. Only that server-side path may choose one: an id sent over
 * REST or from the admin is dropped, and the database makes its own.
 */
const ignoreRequestedId: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'create' && req.payloadAPI !== 'local' && args.data && typeof args.data === 'object')
    delete (args.data as { id?: unknown }).id;
  return args;
};

export function withRequestedIdIgnored(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    hooks: { ...collection.hooks, beforeOperation: [ignoreRequestedId, ...(collection.hooks?.beforeOperation ?? [])] },
  };
}
