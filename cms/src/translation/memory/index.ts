/** The translation memory's lookup, for the bench (scripts/src/bench/adminTimings.ts). */
export { memoryMatches } from './lookup';
export { bandsOf, frenchHash, piecesOf, segmentsOf, unitKeysOf } from './segments';
export { backfillTranslationMemory } from './store';
export { backfillSharedDocumentsMemory } from './sharedDocuments';
