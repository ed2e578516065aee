import type { UnitKey } from '@passerelle/content-schemas';

const labels: Record<string, string> = {
  title: 'Titre',
  brandName: 'Nom du dispositif',
  administrationName: 'Administration',
  summary: 'Résumé',
  changeNote: 'Note de modification',
  what: 'C’est quoi ?',
  why: 'Pourquoi c’est intéressant ?',
  how: 'Comment faire ?',
  next: 'Et après ?',
  documents: 'Documents à fournir',
};

/** « Comment faire ? — élément 2 » for `how.1`: how editors and translators name a unit. */
export function unitLabel(key: UnitKey | string): string {
  const [section, index] = key.split('.');
  return index === undefined ? (labels[key] ?? key) : `${labels[section ?? ''] ?? section} — élément ${Number(index) + 1}`;
}
