import type { Field, Payload, PayloadRequest, Where } from 'payload';

import { languageName, type UnitState } from '@passerelle/content-schemas';

import { translationLanguages } from './sync';

/**
 * « Traductions » in the fiche list's filters: the fiches whose translation into one language is
 * missing, outdated (the French changed since it was validated) or waiting for an expert. The
 * states come from each translation document's stored figures (translation/progress.ts), read
 * through the translations' indexes: (language, status…) for missing, (language,
 * progress.outdated…) and (language, progress.toReview…) for the others.
 */
export const translationStates = {
  missing: 'non traduite',
  outdated: 'à mettre à jour (obsolète)',
  toReview: 'à relire',
  // The filter's names are the contract's unit states: a state renamed there fails here.
} as const satisfies { [State in UnitState]?: string };
export type TranslationState = keyof typeof translationStates;

export const translationStateField = 'translationState';

/** `ar-outdated` → language and state; anything else is refused with a French message. */
export function parseTranslationState(value: unknown): { language: string; state: TranslationState } | undefined {
  if (typeof value !== 'string') return undefined;
  const [language, state] = value.split('-');
  if (!language || !state || !translationLanguages.includes(language as never) || !(state in translationStates)) return undefined;
  return { language, state: state as TranslationState };
}

/**
 * A filter, not data: the edit form never shows it, and the query hook (filterByTranslationState)
 * replaces its condition before the database sees it. The list's « Filtres » offer it with the
 * 21 language × state choices. It has an (always empty) column because Payload's filter builder
 * leaves `virtual` fields out, and a list opened with such a condition in its URL then crashed.
 */
export const translationStateFilterField: Field = {
  name: translationStateField,
  label: 'Traductions',
  type: 'select',
  hooks: { beforeChange: [() => null] },
  options: translationLanguages.flatMap((language) =>
    (Object.keys(translationStates) as TranslationState[]).map((state) => ({
      value: `${language}-${state}`,
      label: `${languageName(language)} : ${translationStates[state]}`,
    })),
  ),
  admin: { condition: () => false, disableListColumn: true },
};

/** The translations of one language in one state, as a query on the Translations collection. */
export function translationsInState(language: string, state: TranslationState): Where {
  if (state === 'missing') return { and: [{ language: { equals: language } }, { status: { equals: 'notStarted' } }] };
  if (state === 'outdated') return { and: [{ language: { equals: language } }, { 'progress.outdated': { greater_than: 0 } }] };
  return { and: [{ language: { equals: language } }, { 'progress.toReview': { greater_than: 0 } }] };
}

/** The ids of the fiches whose translation into `language` is in `state` (one indexed read). */
export async function fichesInState(
  payload: Payload,
  language: string,
  state: TranslationState,
  req?: PayloadRequest,
): Promise<string[]> {
  const { docs } = await payload.find({
    collection: 'translations',
    where: translationsInState(language, state),
    pagination: false,
    depth: 0,
    select: { fiche: true },
    overrideAccess: true,
    req,
  });
  return docs.map((doc) => (typeof doc.fiche === 'object' ? doc.fiche.id : doc.fiche));
}

/**
 * Replaces each « Traductions » condition of a fiche query by the ids of the matching fiches,
 * wherever it sits in the and/or tree. `equals` and `in` are understood; no fiche matches an
 * unknown value rather than every fiche.
 */
export async function resolveTranslationStates(
  where: Where,
  resolve: (language: string, state: TranslationState) => Promise<string[]>,
): Promise<Where> {
  const result: Where = {};
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      result[key] = await Promise.all(value.map((item) => resolveTranslationStates(item as Where, resolve)));
    } else if (key === translationStateField && value && typeof value === 'object') {
      const operators = value as Record<string, unknown>;
      const wanted = 'in' in operators ? [operators.in].flat() : [operators.equals];
      const ids = new Set<string>();
      for (const item of wanted.flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : [entry]))) {
        const parsed = parseTranslationState(item);
        if (parsed) for (const id of await resolve(parsed.language, parsed.state)) ids.add(id);
      }
      // `in: []` matches nothing, which is what a state no fiche is in should show.
      result.and = [...((result.and as Where[] | undefined) ?? []), { id: { in: [...ids] } }];
    } else {
      result[key] = value;
    }
  }
  return result;
}
