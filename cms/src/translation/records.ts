import type { UnitKey } from '@passerelle/content-schemas';

/** What the workflow remembers about one unit of one translation: who proposed, who validated what. */
export type UnitRecord = {
  proposedBy?: string | null;
  proposedAt?: string | null;
  validatedBy?: string | null;
  validatedAt?: string | null;
  /** Fingerprint of the French unit the validated translation was made from. */
  fingerprint?: string | null;
  /** The French text at validation, to show translators what changed since. */
  sourceText?: string | null;
  /** Where the current proposal came from, when not typed in: the memory, a machine draft, an agency's XLIFF file. */
  origin?: 'memory' | 'machine' | 'xliff' | null;
  /** The machine translator of a machine draft (« DeepL », « LibreTranslate »), shown in its badge. */
  machineProvider?: string | null;
  /** The expert who read an unedited machine draft and accepted it as it is, and when. */
  machineConfirmedBy?: string | null;
  machineConfirmedAt?: string | null;
  /** When a French change made this validated unit outdated. */
  outdatedAt?: string | null;
};

export type UnitRecords = Partial<Record<UnitKey, UnitRecord>>;

export function recordsOf(value: unknown): UnitRecords {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as UnitRecords) : {};
}
