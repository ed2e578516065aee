/**
 * Keeps a long import's memory bounded without paying for it on every fiche.
 *
 * A full collection every ten fiches bounded it, but cost about as much CPU as the import itself
 * on the bench corpus (≈ 85 ms per fiche of 150–230 at load 10–19): the whole heap of Payload and
 * its config is walked each time. Left alone, V8 lets its heap fill with the import's garbage
 * up to a limit it sets from what is live (heap used 260 → 730 MB between two of its own full
 * collections on the 1,000-fiche bench insert) and keeps those pages once they are committed, so
 * the RSS follows the highest point (docs/scale.md, section 3). Here a full collection runs
 * when the heap in use grew by `stepMb` since the last one: the RSS stays near what is live plus
 * one step, whatever the number of fiches, for one collection every hundred fiches or so.
 *
 * The heap in use, not the RSS: committed pages are not given back after a collection, so an
 * RSS threshold either collects at every fiche or moves up with each collection.
 * Needs `node --expose-gc` (the import script and the bench pass it); without it, nothing.
 */
export function collectWhenGrown({
  stepMb = 192,
  collect = (globalThis as { gc?: () => void }).gc,
  heapUsed = () => process.memoryUsage().heapUsed,
}: { stepMb?: number; collect?: () => void; heapUsed?: () => number } = {}): {
  afterFiche: () => void;
  collections: () => number;
} {
  const step = stepMb * 1024 * 1024;
  let baseline = heapUsed();
  let collections = 0;
  return {
    afterFiche: () => {
      if (!collect || heapUsed() < baseline + step) return;
      collect();
      collections += 1;
      baseline = heapUsed();
    },
    collections: () => collections,
  };
}
