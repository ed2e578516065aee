import type { PayloadRequest } from 'payload';

import { keepRequestLocale } from '../utilities/keepRequestLocale';

export type TranslationUnitsDoc = { language: string; units?: unknown };

type Waiting = { resolve: (docs: TranslationUnitsDoc[]) => void; reject: (error: unknown) => void };

const batches = new WeakMap<PayloadRequest, Map<string, Waiting[]>>();

/**
 * The translation documents of a fiche, for a field hook that runs once per fiche read. A list
 * read (the site's export: 100 fiches per page) calls the hook for every fiche in the same turn
 * of the event loop, so the calls are gathered and answered by one query for all of them
 * instead of one query per fiche. Nothing is cached beyond that turn: a later read in the same
 * request sees later writes.
 */
export function translationRecordsOf(req: PayloadRequest, ficheId: string): Promise<TranslationUnitsDoc[]> {
  let waiting = batches.get(req);
  if (!waiting) {
    const batch = new Map<string, Waiting[]>();
    batches.set(req, batch);
    waiting = batch;
    setImmediate(() => {
      batches.delete(req);
      void load(req, batch);
    });
  }
  return new Promise((resolve, reject) => {
    const list = waiting.get(ficheId) ?? [];
    list.push({ resolve, reject });
    waiting.set(ficheId, list);
  });
}

async function load(req: PayloadRequest, batch: Map<string, Waiting[]>): Promise<void> {
  try {
    const { docs } = await keepRequestLocale(req, () =>
      req.payload.find({
        collection: 'translations',
        where: { fiche: { in: [...batch.keys()] } },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        select: { fiche: true, language: true, units: true },
        req,
      }),
    );
    const byFiche = new Map<string, TranslationUnitsDoc[]>();
    for (const doc of docs) {
      const ficheId = typeof doc.fiche === 'object' ? doc.fiche.id : doc.fiche;
      byFiche.set(ficheId, [...(byFiche.get(ficheId) ?? []), doc]);
    }
    for (const [ficheId, waiting] of batch) for (const { resolve } of waiting) resolve(byFiche.get(ficheId) ?? []);
  } catch (error) {
    for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
  }
}
