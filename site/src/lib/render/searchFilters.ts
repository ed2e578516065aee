import type { Fiche } from '@passerelle/content-schemas';
import {
  frenchLevels,
  publicStatuses,
  type FrenchLevel,
  type LocationScope,
  type PublicStatus,
} from '@passerelle/content-schemas/vocabulary';

/**
 * The search filters of a fiche and of a reader's query. Fiches carry language-neutral values
 * (slugs and codes) in the search index; each language's search page labels them. Filters are
 * worked out on the reader's side of the question ("I am a refugee, I speak A2, I live in 31"):
 * a fiche open to every status carries every status, a fiche needing A1 carries A1 and every level
 * above it. Only the département is matched at query time, so that the many fiches valid all over
 * France do not each carry a hundred département codes in the index.
 *
 * No zod and no runtime import beyond plain constants: the browser's search code imports this.
 */

/** In the order of the search form; also the names of the URL parameters (`?theme=health`). */
export const searchFilterNames = ['type', 'theme', 'need', 'departement', 'status', 'french', 'age', 'structure'] as const;
export type SearchFilterName = (typeof searchFilterNames)[number];

export type SearchFilterValues = Record<SearchFilterName, string[]>;

/** Age bands offered to readers: early childhood, school age, young people, adults, seniors. */
export const ageBands = [
  { id: '0-5', min: 0, max: 5 },
  { id: '6-15', min: 6, max: 15 },
  { id: '16-25', min: 16, max: 25 },
  { id: '26-59', min: 26, max: 59 },
  { id: '60-plus', min: 60, max: undefined },
] as const satisfies readonly { id: string; min: number; max: number | undefined }[];
export type AgeBand = (typeof ageBands)[number]['id'];

/** The statuses a reader can pick: `all` is not a status but a property of fiches. */
export const readerStatuses = publicStatuses.filter((status): status is Exclude<PublicStatus, 'all'> => status !== 'all');

/**
 * The département filter value of fiches valid everywhere: their location scope. A reader's
 * département also matches these (see `pagefindFilters`).
 */
export const everywhereScopes = ['france', 'online'] as const satisfies readonly Exclude<LocationScope, 'departements'>[];

type FicheFilterFields = Pick<
  Fiche,
  'type' | 'primaryTheme' | 'secondaryThemes' | 'needs' | 'mainStructure' | 'partnerStructures' | 'infocards'
>;

/** Slugs of the documents a fiche refers to by id; an unknown id throws, naming the field. */
export type SlugLookup = {
  themes: ReadonlyMap<string, { slug: string }>;
  needs: ReadonlyMap<string, { slug: string }>;
  structures: ReadonlyMap<string, { slug: string }>;
};

function slugOf(documents: ReadonlyMap<string, { slug: string }>, id: string, field: string): string {
  const document = documents.get(id);
  if (!document) throw new Error(`${field} refers to ${id}, which is not in the published content`);
  return document.slug;
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** The levels a fiche is open to: its minimum level and every level above; no minimum → every level. */
export function frenchLevelsFrom(minimum: FrenchLevel | null | undefined): FrenchLevel[] {
  return frenchLevels.slice(minimum ? frenchLevels.indexOf(minimum) : 0);
}

/** The age bands that overlap a fiche's age range; no range → every band. */
export function ageBandsFor(
  age: { min?: number | null | undefined; max?: number | null | undefined } | null | undefined,
): AgeBand[] {
  const min = age?.min ?? 0;
  const max = age?.max ?? Number.POSITIVE_INFINITY;
  return ageBands.filter((band) => band.min <= max && (band.max ?? Number.POSITIVE_INFINITY) >= min).map((band) => band.id);
}

/** The statuses a fiche is open to: `all` (or nothing said) means every status. */
export function statusesFor(statuses: readonly PublicStatus[] | null | undefined): string[] {
  if (!statuses || statuses.length === 0 || statuses.includes('all')) return [...readerStatuses];
  return readerStatuses.filter((status) => statuses.includes(status));
}

/** Local fiches carry their département codes; fiches valid everywhere carry their scope. */
export function departementValues(location: FicheFilterFields['infocards']['location']): string[] {
  if (location.scope !== 'departements') return [location.scope];
  return unique(location.departements ?? []);
}

/** Every filter value of a fiche, in the order of `searchFilterNames`. */
export function ficheSearchFilters(fiche: FicheFilterFields & { id: string }, lookup: SlugLookup): SearchFilterValues {
  const where = `fiches ${fiche.id}`;
  return {
    type: [fiche.type],
    theme: unique([
      slugOf(lookup.themes, fiche.primaryTheme, `${where} primaryTheme`),
      ...(fiche.secondaryThemes ?? []).map((id, index) => slugOf(lookup.themes, id, `${where} secondaryThemes.${index}`)),
    ]),
    need: unique((fiche.needs ?? []).map((id, index) => slugOf(lookup.needs, id, `${where} needs.${index}`))),
    departement: departementValues(fiche.infocards.location),
    status: statusesFor(fiche.infocards.publicStatus),
    french: frenchLevelsFrom(fiche.infocards.frenchLevel),
    age: ageBandsFor(fiche.infocards.age),
    structure: unique([
      slugOf(lookup.structures, fiche.mainStructure, `${where} mainStructure`),
      ...(fiche.partnerStructures ?? []).map((id, index) => slugOf(lookup.structures, id, `${where} partnerStructures.${index}`)),
    ]),
  };
}

/** A reader's search: words, and at most one value per filter (the search form's selects). */
export type SearchQuery = { q: string; filters: Partial<Record<SearchFilterName, string>> };

const isFilterName = (name: string): name is SearchFilterName => (searchFilterNames as readonly string[]).includes(name);

/** The search in a URL (`?q=carte+vitale&departement=31`); unknown parameters and empty values are ignored. */
export function parseSearchParams(params: URLSearchParams): SearchQuery {
  const query: SearchQuery = { q: (params.get('q') ?? '').replace(/\s+/g, ' ').trim(), filters: {} };
  for (const [name, value] of params) {
    const trimmed = value.trim();
    if (isFilterName(name) && trimmed && query.filters[name] === undefined) query.filters[name] = trimmed;
  }
  return query;
}

/** The URL parameters of a search, in a stable order so the same search always has the same URL. */
export function searchParamsOf(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const name of searchFilterNames) {
    const value = query.filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

export type PagefindFilter = string | { any: string[] };

/** The filters in Pagefind's syntax: a département also matches fiches valid all over France and online. */
export function pagefindFilters(filters: SearchQuery['filters']): Partial<Record<SearchFilterName, PagefindFilter>> {
  const result: Partial<Record<SearchFilterName, PagefindFilter>> = {};
  for (const name of searchFilterNames) {
    const value = filters[name];
    if (!value) continue;
    result[name] = name === 'departement' ? { any: [value, ...everywhereScopes] } : value;
  }
  return result;
}

/** True when a search asks for something: words or at least one filter. */
export function isActiveSearch(query: SearchQuery): boolean {
  return query.q !== '' || Object.keys(query.filters).length > 0;
}
