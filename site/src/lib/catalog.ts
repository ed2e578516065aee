/**
 * Everything the pages read, loaded once per build from the content layer: documents by id,
 * the languages each fiche is translated into, and the references between documents checked
 * up front so a dangling one fails the build with the document id and field path.
 */
import { getCollection } from 'astro:content';

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

async function loadCatalog(): Promise<Catalog> {
  const [ficheEntries, themeEntries, needEntries, structureEntries, mediaEntries, documentEntries] = await Promise.all([
    getCollection('fiches'),
    getCollection('themes'),
    getCollection('needs'),
    getCollection('structures'),
    getCollection('media'),
    getCollection('documents'),
  ]);
  const fiches = ficheEntries
    .map((entry): CatalogFiche => guardLeftOutSections(entry.data))
    .sort((a, b) => (a.title.fr ?? '').localeCompare(b.title.fr ?? '', defaultLocale));
  const themes = themeEntries.map((entry) => entry.data).sort(byOrderThenName);
  const needs = needEntries.map((entry) => entry.data).sort(byOrderThenName);
  const structures = structureEntries.map((entry) => entry.data).sort((a, b) => a.name.localeCompare(b.name, defaultLocale));
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
    documentById: byId(documentEntries.map((entry) => entry.data)),
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

export function fichesOfTheme(catalog: Catalog, theme: Theme): CatalogFiche[] {
  return catalog.fiches.filter((fiche) => fiche.primaryTheme === theme.id || (fiche.secondaryThemes ?? []).includes(theme.id));
}

export function fichesOfStructure(catalog: Catalog, structure: Structure): CatalogFiche[] {
  return catalog.fiches.filter(
    (fiche) => fiche.mainStructure === structure.id || (fiche.partnerStructures ?? []).includes(structure.id),
  );
}

/** What a département page lists: fiches run there, plus those open everywhere and online. */
export function fichesForDepartement(catalog: Catalog, code: DepartementCode) {
  const scopeOf = (fiche: CatalogFiche) => fiche.infocards.location.scope;
  return {
    local: catalog.fiches.filter(
      (fiche) => scopeOf(fiche) === 'departements' && (fiche.infocards.location.departements ?? []).includes(code),
    ),
    national: catalog.fiches.filter((fiche) => scopeOf(fiche) === 'france'),
    online: catalog.fiches.filter((fiche) => scopeOf(fiche) === 'online'),
  };
}

/** The most recent `updatedAt` of a set of documents, for sitemaps' `lastmod`. */
export function latestUpdate(documents: readonly { updatedAt: string }[]): string | undefined {
  return documents.reduce<string | undefined>(
    (latest, document) =>
      latest === undefined || Date.parse(document.updatedAt) > Date.parse(latest) ? document.updatedAt : latest,
    undefined,
  );
}
