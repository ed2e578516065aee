import type { Locale, UserRole } from '@passerelle/content-schemas';

/** The part of a user that access rules read; works for the generated `User` type and JWT users. */
export type UserWithRoles =
  | {
      id?: string | number;
      roles?: readonly UserRole[] | null;
      languages?: readonly Locale[] | null;
      structure?: string | { id: string } | null;
    }
  | null
  | undefined;

export function hasRole(user: UserWithRoles, ...roles: UserRole[]): boolean {
  return Boolean(user?.roles?.some((role) => roles.includes(role)));
}

/** Languages a translator or expert works in (never French: French belongs to editors). */
export function languagesOf(user: UserWithRoles): Locale[] {
  return (user?.languages ?? []).filter((language) => language !== 'fr');
}

export function structureOf(user: UserWithRoles): string | undefined {
  const structure = user?.structure;
  if (!structure) return undefined;
  return typeof structure === 'string' ? structure : structure.id;
}

/** A structure's contributor with no editorial role: writes only its structure's dispositifs, as drafts. */
export function isContributorOnly(user: UserWithRoles): boolean {
  return hasRole(user, 'contributor') && !hasRole(user, 'admin', 'editor');
}
