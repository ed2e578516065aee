import type { PayloadRequest } from 'payload';

import type { Fiche } from '../payload-types';
import { keepRequestLocale } from '../utilities/keepRequestLocale';

/**
 * During a bulk import the French of the fiche being imported is written once, then each
 * language's translation and publication reads it again (about twenty reads per fiche). The
 * import hands a map in `req.context.frenchOfImport`, shared by the nested calls of one fiche,
 * and forgotten as soon as a French save happens in that request. A translation's save starts
 * one too (applyWorkflow): its workflow, progress and memory read the same French (4 reads).
 */
type FrenchCache = Map<string, Promise<Fiche>>;

const cacheOf = (req: PayloadRequest) => req.context.frenchOfImport as FrenchCache | undefined;

/** The latest French version of a fiche, drafts included, read inside the current request. */
export function latestFrenchOf(ficheId: string, req: PayloadRequest): Promise<Fiche> {
  const cache = cacheOf(req);
  const cached = cache?.get(ficheId);
  if (cached) return cached;
  const read = keepRequestLocale(req, () =>
    req.payload.findByID({
      collection: 'fiches',
      id: ficheId,
      locale: 'fr',
      fallbackLocale: false,
      draft: true,
      depth: 0,
      overrideAccess: true,
      req,
    }),
  );
  if (cache) {
    cache.set(ficheId, read);
    read.catch(() => cache.delete(ficheId));
  }
  return read;
}

/** A French save makes what was read before stale. */
export function forgetFrenchOf(ficheId: string, req: PayloadRequest): void {
  cacheOf(req)?.delete(ficheId);
}

/**
 * A bulk import's fiche create hands over the French it just wrote (read back by Payload, locale
 * fr, depth 0, no draft above it yet): the translations created right after it start from that
 * instead of reading the fiche, its latest version and its French again (one findByID with a
 * draft lookup per imported fiche).
 */
export function rememberFrenchOf(fiche: Fiche, req: PayloadRequest): void {
  cacheOf(req)?.set(fiche.id, Promise.resolve(fiche));
}
