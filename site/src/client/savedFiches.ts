/**
 * The fiches a reader saved, kept in this browser's localStorage (no account, nothing sent), and
 * their copies in the Cache Storage the service worker reads (public/sw.js made by
 * src/integrations/serviceWorker.ts), so a saved fiche opens without a connection.
 */

export type SavedFiche = {
  /** The page's path: `/ar/demarches/carte-vitale/`. */
  path: string;
  title: string;
  /** The language of the title: French on a fallback page. */
  lang: string;
  savedAt: string;
};

const storageKey = 'passerelle.savedFiches';
/** Not versioned: saved fiches outlive site updates (the service worker refreshes them). */
export const savedCacheName = 'passerelle-saved';
export const qrCodeFile = 'qr.svg';
/** A démarche's part of the appointment sheet (src/lib/appointment.ts); dispositifs have none. */
export const appointmentFile = 'rendez-vous.json';

function isSavedFiche(value: unknown): value is SavedFiche {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.path === 'string' &&
    entry.path.startsWith('/') &&
    typeof entry.title === 'string' &&
    typeof entry.lang === 'string' &&
    typeof entry.savedAt === 'string'
  );
}

/** Throws when storage is blocked (private modes, settings): callers tell the reader. */
export function readSaved(): SavedFiche[] {
  const raw = localStorage.getItem(storageKey);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isSavedFiche) : [];
  } catch {
    // Written by an older or broken version: what cannot be read is not a saved fiche.
    return [];
  }
}

function writeSaved(fiches: SavedFiche[]): void {
  localStorage.setItem(storageKey, JSON.stringify(fiches));
}

export function isSaved(path: string): boolean {
  return readSaved().some((fiche) => fiche.path === path);
}

export function addSaved(fiche: Omit<SavedFiche, 'savedAt'>): void {
  writeSaved([{ ...fiche, savedAt: new Date().toISOString() }, ...readSaved().filter((entry) => entry.path !== fiche.path)]);
  void keepOffline(fiche.path);
}

export function removeSaved(path: string): void {
  writeSaved(readSaved().filter((entry) => entry.path !== path));
  void dropOffline(path);
}

/** Offline copies are a bonus: without Cache Storage (old browser, http) saving still works. */
async function keepOffline(path: string): Promise<void> {
  if (!('caches' in window)) return;
  try {
    const cache = await caches.open(savedCacheName);
    await cache.addAll([path, `${path}${qrCodeFile}`]);
    if (path.includes('/demarches/')) await cache.add(`${path}${appointmentFile}`);
  } catch (error) {
    console.error(`Could not keep ${path} for offline reading`, error);
  }
}

async function dropOffline(path: string): Promise<void> {
  if (!('caches' in window)) return;
  const cache = await caches.open(savedCacheName);
  await Promise.all([cache.delete(path), cache.delete(`${path}${qrCodeFile}`), cache.delete(`${path}${appointmentFile}`)]);
}
