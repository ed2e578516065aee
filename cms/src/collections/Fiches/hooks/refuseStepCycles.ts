import type { CollectionBeforeChangeHook, Payload, PayloadRequest } from 'payload';
import { ValidationError } from 'payload';

import type { Fiche } from '../../../payload-types';

const idOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' ? String((value as { id: unknown }).id) : value ? String(value) : undefined;
const idsOf = (values: unknown): string[] =>
  Array.isArray(values) ? values.map(idOf).filter((id): id is string => Boolean(id)) : [];

type Links = { before: string[]; after: string[] };

/**
 * Finds a loop in the « avant / après » links if the fiche `self` had `links`: the path from
 * `self` back to itself, or undefined. « A after B » and « B before A » are the same edge
 * (B → A), so the graph is walked from both sides, one query per side and per step of the walk.
 * Reads the stored fiches (their published or only version), never the one being saved.
 */
export async function findStepCycle(
  payload: Payload,
  self: string,
  links: Links,
  req?: PayloadRequest,
): Promise<string[] | undefined> {
  if (links.before.includes(self) || links.after.includes(self)) return [self, self];
  const parent = new Map<string, string>();
  const seen = new Set<string>([self]);
  let frontier: string[] = [self];
  while (frontier.length > 0) {
    const next: string[] = [];
    const visit = (from: string, to: string) => {
      if (to === self) {
        const path = [self];
        for (let node: string | undefined = from; node && node !== self; node = parent.get(node)) path.unshift(node);
        path.unshift(self);
        throw new CycleFound(path);
      }
      if (seen.has(to)) return;
      seen.add(to);
      parent.set(to, from);
      next.push(to);
    };
    try {
      const others = frontier.filter((id) => id !== self);
      if (frontier.includes(self)) for (const to of links.after) visit(self, to);
      for (const from of others) if (links.before.includes(from)) visit(from, self);
      {
        const [forward, backward] = await Promise.all([
          others.length === 0
            ? { docs: [] as Pick<Fiche, 'id' | 'stepsAfter'>[] }
            : payload.find({
                collection: 'fiches',
                where: { id: { in: others } },
                select: { stepsAfter: true },
                depth: 0,
                pagination: false,
                overrideAccess: true,
                req,
              }),
          payload.find({
            collection: 'fiches',
            where: { stepsBefore: { in: frontier } },
            select: { stepsBefore: true },
            depth: 0,
            pagination: false,
            overrideAccess: true,
            req,
          }),
        ]);
        for (const doc of forward.docs) for (const to of idsOf(doc.stepsAfter)) visit(String(doc.id), to);
        for (const doc of backward.docs) {
          if (String(doc.id) === self) continue;
          for (const from of idsOf(doc.stepsBefore)) if (frontier.includes(from) && from !== self) visit(from, String(doc.id));
          if (frontier.includes(self) && idsOf(doc.stepsBefore).includes(self)) visit(self, String(doc.id));
        }
      }
    } catch (error) {
      if (error instanceof CycleFound) return error.path;
      throw error;
    }
    frontier = next;
  }
  return undefined;
}

class CycleFound extends Error {
  constructor(readonly path: string[]) {
    super('cycle');
  }
}

/**
 * « A avant B avant A » would send readers round in circles: a save that closes a loop of
 * « avant / après » links is refused, naming the fiches of the loop in French.
 */
export const refuseStepCycles: CollectionBeforeChangeHook<Fiche> = async ({ data, originalDoc, req, collection }) => {
  if (req.locale && req.locale !== 'fr' && req.locale !== 'all') return data;
  if (!('stepsBefore' in data) && !('stepsAfter' in data)) return data;
  const self = originalDoc?.id ? String(originalDoc.id) : undefined;
  const links = {
    before: idsOf('stepsBefore' in data ? data.stepsBefore : originalDoc?.stepsBefore),
    after: idsOf('stepsAfter' in data ? data.stepsAfter : originalDoc?.stepsAfter),
  };
  if (links.before.length === 0 && links.after.length === 0) return data;
  const both = links.before.find((id) => links.after.includes(id));
  // A new fiche has no id yet: nothing can point to it, so only this contradiction can loop.
  const cycle = both ? [self ?? '', both, self ?? ''] : self ? await findStepCycle(req.payload, self, links, req) : undefined;
  if (!cycle) return data;
  const titles = await titlesOf(
    req,
    cycle.filter((id) => id && id !== self),
  );
  const name = (id: string) =>
    id === self || !id ? `« ${data.title ?? originalDoc?.title ?? 'cette fiche'} »` : `« ${titles.get(id) ?? id} »`;
  const message =
    cycle.length === 2
      ? 'Une démarche ne peut pas venir avant ou après elle-même.'
      : `Ces liens formeraient une boucle : ${cycle.map(name).join(' → ')}. Une démarche ne peut pas venir à la fois avant et après une autre : retirez l’un des liens.`;
  throw new ValidationError({
    collection: collection.slug,
    id: originalDoc?.id,
    errors: [{ path: both || links.before.includes(cycle.at(-2) ?? '') ? 'stepsBefore' : 'stepsAfter', message }],
    req,
  });
};

async function titlesOf(req: PayloadRequest, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { docs } = await req.payload.find({
    collection: 'fiches',
    where: { id: { in: ids } },
    select: { title: true },
    locale: 'fr',
    depth: 0,
    pagination: false,
    overrideAccess: true,
    draft: true,
    req,
  });
  return new Map(docs.map((doc) => [String(doc.id), String(doc.title ?? doc.id)]));
}
