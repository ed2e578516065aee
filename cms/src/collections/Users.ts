import type { CollectionConfig } from 'payload';

import { languageName, translationLocales, userRoles } from '@passerelle/content-schemas';

import { adminOrSelf } from '../access/adminOrSelf';
import { isAdmin, isAdminField } from '../access/isAdmin';
import { hiddenUnlessAdmin } from '../access/hiddenUnlessAdmin';
import { nobodyField } from '../access/nobodyField';
import { enforcePasswordPolicy } from '../auth/enforcePasswordPolicy';
import {
  clearSecondFactor,
  countSecondFactorFailure,
  noteAuthOperation,
  requireSecondFactor,
  totpSetupEndpoint,
  withholdResetSession,
} from '../auth/secondFactor';
import { countLoginFailures, throttleAuthAttempts } from '../auth/throttle';
import { publicServerUrl, secureCookies } from '../utilities/serverUrl';

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
    // `Secure` whenever the CMS is served over https, which production requires; plain http
    // stays possible for `npm start` on localhost.
    cookies: { secure: secureCookies(publicServerUrl()), sameSite: 'Lax' },
  },
  hooks: {
    beforeOperation: [throttleAuthAttempts, noteAuthOperation, enforcePasswordPolicy],
    beforeLogin: [requireSecondFactor],
    afterOperation: [withholdResetSession],
    afterChange: [clearSecondFactor],
    afterError: [countLoginFailures, countSecondFactorFailure],
  },
  endpoints: [totpSetupEndpoint],
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
      options: translationLocales.map((code) => ({ value: code, label: `${languageName(code)} (${code})` })),
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
    {
      name: 'totpEnabled',
      label: 'Double authentification activée',
      type: 'checkbox',
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description:
          'Obligatoire pour les administrateurs et les traducteurs experts. Elle s’active à la connexion (« Activer la double authentification »). Décocher la réinitialise, par exemple après la perte d’un téléphone.',
      },
      // Only an administrator changes it, and only to turn it off: turning it on takes a code.
      access: { create: nobodyField, update: isAdminField },
      hooks: { beforeChange: [({ value, originalDoc }) => (value && !originalDoc?.totpEnabled ? false : value)] },
    },
    // Read and written by the login code through the database adapter only; no API shows them.
    { name: 'totpSecret', type: 'text', hidden: true, access: { read: nobodyField, create: nobodyField, update: nobodyField } },
    {
      name: 'totpPendingSecret',
      type: 'text',
      hidden: true,
      access: { read: nobodyField, create: nobodyField, update: nobodyField },
    },
    {
      name: 'totpLastStep',
      type: 'number',
      hidden: true,
      access: { read: nobodyField, create: nobodyField, update: nobodyField },
    },
  ],
};
