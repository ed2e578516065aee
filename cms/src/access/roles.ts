import type { UserRole } from '@passerelle/content-schemas';

/** The part of a user that access rules read; works for the generated `User` type and JWT users. */
export type UserWithRoles = { roles?: readonly UserRole[] | null } | null | undefined;

export function hasRole(user: UserWithRoles, ...roles: UserRole[]): boolean {
  return Boolean(user?.roles?.some((role) => roles.includes(role)));
}
