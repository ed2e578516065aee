import type { PayloadRequest } from 'payload';

import type { Fiche } from '../payload-types';
import { keepRequestLocale } from '../utilities/keepRequestLocale';

/** The latest French version of a fiche, drafts included, read inside the current request. */
export function latestFrenchOf(ficheId: string, req: PayloadRequest): Promise<Fiche> {
  return keepRequestLocale(req, () =>
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
}
