import type { UnitKey } from '@passerelle/content-schemas';

import { fieldLabels } from './translatableFields';

const labels: Record<string, string> = fieldLabels;

/** « Comment faire ? — élément 2 » for `how.1`: how editors and translators name a unit. */
export function unitLabel(key: UnitKey | string): string {
  const [section, index] = key.split('.');
  return index === undefined ? (labels[key] ?? key) : `${labels[section ?? ''] ?? section} — élément ${Number(index) + 1}`;
}
