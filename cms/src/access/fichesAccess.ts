import type { Access } from 'payload';

import { hasRole, structureOf } from './roles';

const published = { _status: { equals: 'published' } } as const;

/**
 * Everyone reads published fiches; staff read drafts too, except contributors, who only see
 * the drafts of their own structure.
 */
export const canReadFiches: Access = ({ req: { user } }) => {
  if (!user) return published;
  if (hasRole(user, 'admin', 'editor', 'expertTranslator', 'translator')) return true;
  const structure = structureOf(user);
  if (hasRole(user, 'contributor') && structure) return { or: [published, { mainStructure: { equals: structure } }] };
  return published;
};

/** Editors write fiches; a contributor writes only its structure's dispositifs (checked in a hook). */
export const canCreateFiches: Access = ({ req: { user } }) =>
  hasRole(user, 'admin', 'editor') || (hasRole(user, 'contributor') && Boolean(structureOf(user)));

export const canUpdateFiches: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true;
  const structure = structureOf(user);
  if (hasRole(user, 'contributor') && structure) return { mainStructure: { equals: structure } };
  return false;
};

/** Version history follows the same rule as drafts. */
export const canReadFicheVersions: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor', 'expertTranslator', 'translator')) return true;
  const structure = structureOf(user);
  if (hasRole(user, 'contributor') && structure) return { 'version.mainStructure': { equals: structure } };
  return false;
};
