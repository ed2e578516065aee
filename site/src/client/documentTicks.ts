/**
 * The documents a reader ticked as ready, kept in this browser's localStorage next to the saved
 * fiches (src/client/savedFiches.ts): no account, nothing sent, and it works offline. A document
 * of the shared list has one key on every fiche (`d:rib`), so the RIB ticked on one démarche is
 * ticked on the others and on the appointment sheet.
 */
const storageKey = 'passerelle.documentTicks';

/** Throws when storage is blocked (private modes, settings): callers then show no checkboxes. */
export function readTicks(): Set<string> {
  const raw = localStorage.getItem(storageKey);
  if (!raw) return new Set();
  try {
    const parsed: unknown = JSON.parse(raw);
    return new Set(Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : []);
  } catch {
    return new Set();
  }
}

export function setTick(key: string, ticked: boolean): void {
  const ticks = readTicks();
  if (ticked) ticks.add(key);
  else ticks.delete(key);
  localStorage.setItem(storageKey, JSON.stringify([...ticks]));
}
