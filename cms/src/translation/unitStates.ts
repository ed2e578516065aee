import type { UnitKey, UnitState } from '@passerelle/content-schemas';

import type { UnitRecords } from './records';
import type { Unit } from './units';

export type { UnitState };

/** The translator's part of a translation: units missing, still being written, or outdated by the French. */
export const unitStatesToTranslate: ReadonlySet<UnitState> = new Set<UnitState>(['missing', 'inProgress', 'outdated']);

/** The state of each French unit in one translation (the states: content-schemas `translationUnitStates`). */
export function unitStates(args: {
  french: Map<UnitKey, Unit>;
  translation: Map<UnitKey, Unit>;
  records: UnitRecords;
  status: string | null | undefined;
}): Map<UnitKey, UnitState> {
  const { french, translation, records, status } = args;
  const states = new Map<UnitKey, UnitState>();
  for (const [key, source] of french) {
    const record = records[key];
    const proposed = translation.has(key);
    const validatedNow = Boolean(record?.validatedAt && record.fingerprint === source.fingerprint);
    const proposedSinceValidation = Boolean(record?.proposedAt && record.validatedAt && record.proposedAt > record.validatedAt);
    if (validatedNow && !proposedSinceValidation) states.set(key, 'validated');
    else if (proposed && (proposedSinceValidation || !record?.validatedAt))
      states.set(key, status === 'toReview' ? 'toReview' : 'inProgress');
    else if (record?.validatedAt) states.set(key, 'outdated');
    else states.set(key, 'missing');
  }
  return states;
}
