import { hasRole, structureOf, type UserWithRoles } from './roles';

/**
 * « Vérifiée, rien n'a changé » on a published fiche: editors on any fiche; a structure's
 * contributor on its own structure's fiches, since the reminders ask them to confirm their
 * dispositifs. A check changes no text, so it needs no editor's review.
 */
export function canRecordCheck(user: UserWithRoles, fiche: { mainStructure?: unknown }): boolean {
  if (hasRole(user, 'admin', 'editor')) return true;
  const structure = structureOf(user);
  const owner =
    fiche.mainStructure && typeof fiche.mainStructure === 'object'
      ? (fiche.mainStructure as { id: string }).id
      : fiche.mainStructure;
  return hasRole(user, 'contributor') && Boolean(structure) && String(owner) === structure;
}
