import { type CollectionBeforeOperationHook, ValidationError } from 'payload';

import { passwordProblem } from './passwordPolicy';

/**
 * Checks every new password — account creation (first admin included), change, reset — before
 * Payload hashes it. Payload's own check only wants 3 characters. A refusal is a validation
 * error on the `password` field: the admin shows it under the field, REST answers 400.
 */
export const enforcePasswordPolicy: CollectionBeforeOperationHook = async ({ operation, args, collection, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args;
  const data = (args as { data?: { password?: unknown; email?: unknown } }).data;
  if (typeof data?.password !== 'string' || data.password === '') return args;
  let email = typeof data.email === 'string' ? data.email : undefined;
  const id = (args as { id?: string | number }).id;
  if (!email && id !== undefined && req.user && req.user.id === id) email = (req.user as { email?: string }).email;
  const problem = passwordProblem(data.password, { email });
  if (problem)
    throw new ValidationError({ collection: collection.slug, errors: [{ message: problem, path: 'password' }] }, req.t);
  return args;
};
