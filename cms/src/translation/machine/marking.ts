import type { UnitRecord } from '../records';

/**
 * A machine draft nobody edited since it arrived (an edit clears `origin`), not validated since
 * and not confirmed by an expert since: what a validation must not take silently.
 */
export function isUnconfirmedMachineDraft(record: UnitRecord | undefined): boolean {
  if (record?.origin !== 'machine' || !record.proposedAt) return false;
  if (record.validatedAt && record.validatedAt > record.proposedAt) return false;
  return !(record.machineConfirmedAt && record.machineConfirmedAt >= record.proposedAt);
}
