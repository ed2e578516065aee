import type { CollectionConfig } from 'payload';

import { locales, userRoles } from '@passerelle/content-schemas';

import { adminOrSelf } from '../access/adminOrSelf';
import { isAdmin, isAdminField } from '../access/isAdmin';
import { hiddenUnlessAdmin } from '../access/hiddenUnlessAdmin';

const roleLabels: Record<(typeof userRoles)[number], string> = {
  admin: 'Administrateur',
  editor: 'Éditeur',
  expertTranslator: 'Traducteur expert',
  translator: 'Traducteur bénévole',
  contributor: 'Contributeur (structure)',
};

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'Utilisateur', plural: 'Utilisateurs' },
  typescript: { interface: 'User' },
  auth: {
    // Five wrong passwords lock the account for 15 minutes.
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'roles', 'languages'],
    group: 'Administration',
    hidden: hiddenUnlessAdmin,
  },
  access: {
    admin: ({ req: { user } }) => Boolean(user),
    read: adminOrSelf,
    create: isAdmin,
    update: adminOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
  },
  fields: [
    { name: 'name', label: 'Nom', type: 'text', required: true },
    {
      name: 'roles',
      label: 'Rôles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['translator'],
      options: userRoles.map((role) => ({ value: role, label: roleLabels[role] })),
      saveToJWT: true,
      // Nobody grants themselves a role: only admins change roles.
      access: { create: isAdminField, update: isAdminField },
    },
    {
      name: 'languages',
      label: 'Langues de traduction',
      type: 'select',
      hasMany: true,
      options: locales
        .filter((locale) => locale.code !== 'fr')
        .map((locale) => ({ value: locale.code, label: `${locale.label} (${locale.code})` })),
      saveToJWT: true,
      admin: { description: 'Langues que cette personne traduit ou valide.' },
      access: { create: isAdminField, update: isAdminField },
    },
    {
      name: 'structure',
      label: 'Structure',
      type: 'relationship',
      relationTo: 'structures',
      saveToJWT: true,
      admin: { description: 'Pour les contributeurs : la structure dont ils gèrent les dispositifs.' },
      access: { create: isAdminField, update: isAdminField },
    },
  ],
};
