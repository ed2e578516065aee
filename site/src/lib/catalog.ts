/**
 * Everything the pages read, loaded once per build from the content layer: documents by id,
 * the languages each fiche is translated into, and the references between documents checked
 * up front so a dangling one fails the build with the document id and field path.
 */
import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import storedContent from 'astro:data-layer-content';

import {
  defaultLocale,
  type DepartementCode,
  type Fiche,
  type Need,
  type SharedDocument,
  type Structure,
  type Theme,
} from '@passerelle/content-schemas';
import { type LocalizedField } from './render/fallback';
import { guardLeftOutSections } from './renderOnly';

/** A fiche as the catalog holds it: the contract's, `translatedLocales` included. */
export type CatalogFiche = Fiche;
export type CatalogMedia = Awaited<ReturnType<typeof getCollection<'media'>>>[number]['data'];

export type Catalog = {
  fiches: CatalogFiche[];
  themes: Theme[];
  needs: Need[];
  structures: Structure[];
  ficheById: Map<string, CatalogFiche>;
  themeById: Map<string, Theme>;
  needById: Map<string, Need>;
  structureById: Map<string, Structure>;
  mediaById: Map<string, CatalogMedia>;
  /** The shared list of documents démarches ask for (« RIB »…), translated once. */
  documentById: Map<string, SharedDocument>;
};

export class ContentReferenceError extends Error {
  override name = 'ContentReferenceError';
}

function byId<T extends { id: string }>(documents: readonly T[]): Map<string, T> {
  return new Map(documents.map((document) => [document.id, document]));
}

/** The referenced document, or a build failure naming the referring document and field. */
export function referenced<T>(documents: Map<string, T>, id: string, referrer: string): T {
  const document = documents.get(id);
  if (document === undefined)
    throw new ContentReferenceError(`${referrer} refers to ${id}, which is not in the published content`);
  return document;
}

function byOrderThenName(
  a: { order?: number | null | undefined; name: LocalizedField },
  b: { order?: number | null | undefined; name: LocalizedField },
): number {
  return (a.order ?? 0) - (b.order ?? 0) || (a.name.fr ?? '').localeCompare(b.name.fr ?? '', defaultLocale);
}

function checkReferences(catalog: Catalog): void {
  for (const fiche of catalog.fiches) {
    const where = `fiches ${fiche.id}`;
    referenced(catalog.themeById, fiche.primaryTheme, `${where} primaryTheme`);
    fiche.secondaryThemes?.forEach((id, index) => referenced(catalog.themeById, id, `${where} secondaryThemes.${index}`));
    fiche.needs?.forEach((id, index) => referenced(catalog.needById, id, `${where} needs.${index}`));
    referenced(catalog.structureById, fiche.mainStructure, `${where} mainStructure`);
    fiche.documents?.fr?.forEach(
      (row, index) => row.document && referenced(catalog.documentById, row.document, `${where} documents.fr.${index}.document`),
    );
    fiche.partnerStructures?.forEach((id, index) => referenced(catalog.structureById, id, `${where} partnerStructures.${index}`));
  }
  for (const need of catalog.needs) referenced(catalog.themeById, need.theme, `needs ${need.id} theme`);
  for (const structure of catalog.structures) {
    if (structure.logo) referenced(catalog.mediaById, structure.logo, `structures ${structure.id} logo`);
  }
  const slugs = new Map<string, string>();
  for (const fiche of catalog.fiches) {
    const other = slugs.get(fiche.slug);
    if (other) throw new ContentReferenceError(`fiches ${fiche.id} slug: "${fiche.slug}" is also the slug of fiches ${other}`);
    slugs.set(fiche.slug, fiche.id);
  }
}

/**
 * The data of a collection's entries as the content layer stored them (validated by the loader).
 * `getCollection` hands out a deep copy of each entry's data (it walks every value to swap image
 * references, `updateImageReferencesInData`): at 1,000 fiches a walk of about 3 s on the first
 * page and a second copy of all the content in memory, for collections that hold no image. In a
 * build, src/integrations/compactDataStore.ts makes the store module export the very Map Astro's
 * store is made of, so the entries are read from it as they are; elsewhere (`astro dev`, whose
 * store is the live content layer's) and for images (`media`), `getCollection` answers.
 */
async function storedData<C extends Exclude<CollectionKey, 'media'>>(collection: C): Promise<CollectionEntry<C>['data'][]> {
  const entries = storedContent instanceof Map ? (storedContent as Map<string, unknown>).get(collection) : undefined;
  if (entries instanceof Map) return [...(entries as Map<string, CollectionEntry<C>>).values()].map((entry) => entry.data);
  return (await getCollection(collection)).map((entry) => entry.data);
}

async function loadCatalog(): Promise<Catalog> {
  const [ficheData, themes, needs, structures, mediaEntries, documents] = await Promise.all([
    storedData('fiches'),
    storedData('themes'),
    storedData('needs'),
    storedData('structures'),
    getCollection('media'),
    storedData('documents'),
  ]);
  const fiches = ficheData
    .map((fiche): CatalogFiche => guardLeftOutSections(fiche))
    .sort((a, b) => (a.title.fr ?? '').localeCompare(b.title.fr ?? '', defaultLocale));
  themes.sort(byOrderThenName);
  needs.sort(byOrderThenName);
  structures.sort((a, b) => a.name.localeCompare(b.name, defaultLocale));
  const catalog: Catalog = {
    fiches,
    themes,
    needs,
    structures,
    ficheById: byId(fiches),
    themeById: byId(themes),
    needById: byId(needs),
    structureById: byId(structures),
    mediaById: byId(mediaEntries.map((entry) => entry.data)),
    documentById: byId(documents),
  };
  checkReferences(catalog);
  return catalog;
}

let catalogPromise: Promise<Catalog> | undefined;

/** The catalog, loaded on first use and shared by every page of the build. */
export function getCatalog(): Promise<Catalog> {
  catalogPromise ??= loadCatalog();
  return catalogPromise;
}

const themeFichesByCatalog = new WeakMap<Catalog, Map<string, readonly CatalogFiche[]>>();

/**
 * A theme's fiches, in the catalog's order. Sorted out once per build for all themes: each theme
 * is asked for by its page, embed and feed in every language and by the sitemaps (about 270
 * times a build), each time a pass over 1,000 fiches before.
 */
export function fichesOfTheme(catalog: Catalog, theme: Theme): readonly CatalogFiche[] {
  let byTheme = themeFichesByCatalog.get(catalog);
  if (!byTheme) {
    const lists = new Map<string, CatalogFiche[]>(catalog.themes.map((known) => [known.id, []]));
    for (const fiche of catalog.fiches)
      for (const id of new Set([fiche.primaryTheme, ...(fiche.secondaryThemes ?? [])])) lists.get(id)?.push(fiche);
    byTheme = lists;
    themeFichesByCatalog.set(catalog, byTheme);
  }
  return byTheme.get(theme.id) ?? [];
}

const structureFichesByCatalog = new WeakMap<Catalog, Map<string, readonly CatalogFiche[]>>();

/** A structure's fiches (run by it or with it as a partner), in the catalog's order; sorted out once per build, as themes'. */
export function fichesOfStructure(catalog: Catalog, structure: Structure): readonly CatalogFiche[] {
  let byStructure = structureFichesByCatalog.get(catalog);
  if (!byStructure) {
    const lists = new Map<string, CatalogFiche[]>();
    for (const fiche of catalog.fiches)
      for (const id of new Set([fiche.mainStructure, ...(fiche.partnerStructures ?? [])])) {
        const list = lists.get(id);
        if (list) list.push(fiche);
        else lists.set(id, [fiche]);
      }
    byStructure = lists;
    structureFichesByCatalog.set(catalog, byStructure);
  }
  return byStructure.get(structure.id) ?? [];
}

type DepartementLists = {
  local: Map<string, CatalogFiche[]>;
  national: CatalogFiche[];
  online: CatalogFiche[];
};
const departementListsByCatalog = new WeakMap<Catalog, DepartementLists>();

/** The fiches of every département, sorted out once for the 808 département pages. */
function departementLists(catalog: Catalog): DepartementLists {
  let lists = departementListsByCatalog.get(catalog);
  if (lists) return lists;
  lists = { local: new Map(), national: [], online: [] };
  for (const fiche of catalog.fiches) {
    const { scope, departements } = fiche.infocards.location;
    if (scope === 'france') lists.national.push(fiche);
    else if (scope === 'online') lists.online.push(fiche);
    else if (scope === 'departements') {
      for (const code of new Set(departements ?? [])) {
        const local = lists.local.get(code);
        if (local) local.push(fiche);
        else lists.local.set(code, [fiche]);
      }
    }
  }
  departementListsByCatalog.set(catalog, lists);
  return lists;
}

/** What a département page lists: fiches run there, plus those open everywhere and online. */
export function fichesForDepartement(
  catalog: Catalog,
  code: DepartementCode,
): { local: readonly CatalogFiche[]; national: readonly CatalogFiche[]; online: readonly CatalogFiche[] } {
  const lists = departementLists(catalog);
  return { local: lists.local.get(code) ?? [], national: lists.national, online: lists.online };
}

/** The most recent `updatedAt` of a set of documents, for sitemaps' `lastmod`. */
export function latestUpdate(documents: readonly { updatedAt: string }[]): string | undefined {
  // Each date parsed once: the sitemaps ask this of every fiche list, 1,000 fiches long.
  let latest: string | undefined;
  let latestMs = -Infinity;
  for (const { updatedAt } of documents) {
    const ms = Date.parse(updatedAt);
    if (latest === undefined || ms > latestMs) {
      latest = updatedAt;
      latestMs = ms;
    }
  }
  return latest;
}
