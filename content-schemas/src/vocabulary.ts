/**
 * Language-neutral values shared by the CMS (select options, validation) and the site
 * (infocards, filters). Labels live with each consumer: the admin in French, the site in its
 * i18n files — the values here are the contract.
 */
export const ficheTypes = ['demarche', 'dispositif'] as const;
export type FicheType = (typeof ficheTypes)[number];

export const themeIds = [
  'french',
  'administrative',
  'housing',
  'mobility',
  'work',
  'health',
  'training',
  'studies',
  'leisure',
  'family',
] as const;
export type ThemeId = (typeof themeIds)[number];

/** DSFR illustrative colours a theme may take: the site maps each to its tokens. */
export const themeColors = [
  'green-tilleul-verveine',
  'green-bourgeon',
  'green-emeraude',
  'green-menthe',
  'green-archipel',
  'blue-ecume',
  'blue-cumulus',
  'purple-glycine',
  'pink-macaron',
  'pink-tuile',
  'yellow-tournesol',
  'yellow-moutarde',
  'orange-terre-battue',
  'brown-cafe-creme',
  'brown-caramel',
  'brown-opera',
  'beige-gris-galet',
] as const;
export type ThemeColor = (typeof themeColors)[number];

/** A theme's icon: a DSFR icon class (`fr-icon-home-4-line`). */
export const themeIconPattern = /^fr-icon-[a-z0-9-]+$/;

export const locationScopes = ['france', 'online', 'departements'] as const;
export type LocationScope = (typeof locationScopes)[number];

/** `all` is exclusive: it means the fiche is open whatever the administrative status. */
export const publicStatuses = [
  'all',
  'asylum-seeker',
  'refugee',
  'subsidiary-protection',
  'temporary-protection',
  'stateless',
] as const;
export type PublicStatus = (typeof publicStatuses)[number];

export const publics = [
  'all',
  'families',
  'women',
  'youth',
  'seniors',
  'single-parents',
  'people-with-disabilities',
  'students',
] as const;
export type Public = (typeof publics)[number];

/** Minimum French level needed to take part; `none` also covers people learning to read. */
export const frenchLevels = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type FrenchLevel = (typeof frenchLevels)[number];

export const pricePeriods = ['once', 'session', 'month', 'year'] as const;
export type PricePeriod = (typeof pricePeriods)[number];

export const durationUnits = ['hours', 'days', 'weeks', 'months', 'years'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export const commitmentPeriods = ['day', 'week', 'month'] as const;
export type CommitmentPeriod = (typeof commitmentPeriods)[number];

export const conditions = [
  'residence-permit',
  'asylum-application',
  'bank-account',
  'france-travail-registration',
  'driving-licence',
  'social-security-number',
  'caf-number',
  'address',
  'email',
] as const;
export type Condition = (typeof conditions)[number];

export const structureKinds = ['public-body', 'association', 'company'] as const;
export type StructureKind = (typeof structureKinds)[number];

export const structureStatuses = ['active', 'inactive'] as const;
export type StructureStatus = (typeof structureStatuses)[number];

/** Sections of a fiche, in reading order; `why` is for dispositifs, `next` for démarches. */
export const sectionKeys = ['what', 'why', 'how', 'next'] as const;
export type SectionKey = (typeof sectionKeys)[number];

export const userRoles = ['admin', 'editor', 'expertTranslator', 'translator', 'contributor'] as const;
export type UserRole = (typeof userRoles)[number];
