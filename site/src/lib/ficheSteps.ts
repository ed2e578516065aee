/**
 * The démarches that usually come before and after a démarche. A link is written once, on either
 * side (« RSA » names « compte bancaire » before it, so « compte bancaire » shows « RSA » after
 * it). A linked fiche that is not published is simply not in the catalog: its link is left out,
 * and the build goes on (the CMS shows the editor the broken link).
 */
import { absoluteUrl, sitePaths, type Locale } from '@passerelle/content-schemas';
import { chooseContentLocale, textIn } from './render/fallback';
import { documentLinesIn } from './render/documents';

import type { Catalog, CatalogFiche } from './catalog';
import { siteUrl } from './site';

export type FicheSteps = { before: CatalogFiche[]; after: CatalogFiche[] };

/**
 * For each fiche id, the fiches whose own links name it (`stepsAfter` → before it, `stepsBefore`
 * → after it), in catalog order: made once per catalog, not by scanning every fiche on each of
 * the 8 pages of every démarche (twice: the steps block and the JSON-LD).
 */
type LinkedFrom = { before: Map<string, string[]>; after: Map<string, string[]> };
const linkedFromByFiches = new WeakMap<readonly CatalogFiche[], LinkedFrom>();

function linkedFrom(fiches: readonly CatalogFiche[]): LinkedFrom {
  let index = linkedFromByFiches.get(fiches);
  if (index) return index;
  index = { before: new Map(), after: new Map() };
  const add = (links: Map<string, string[]>, targets: readonly string[] | null | undefined, id: string) => {
    for (const target of new Set(targets ?? [])) {
      const list = links.get(target);
      if (list) list.push(id);
      else links.set(target, [id]);
    }
  };
  for (const other of fiches) {
    add(index.before, other.stepsAfter, other.id);
    add(index.after, other.stepsBefore, other.id);
  }
  linkedFromByFiches.set(fiches, index);
  return index;
}

export function ficheSteps(catalog: Pick<Catalog, 'fiches' | 'ficheById'>, fiche: CatalogFiche): FicheSteps {
  const before = new Set(fiche.stepsBefore ?? []);
  const after = new Set(fiche.stepsAfter ?? []);
  const index = linkedFrom(catalog.fiches);
  for (const id of index.before.get(fiche.id) ?? []) if (id !== fiche.id) before.add(id);
  for (const id of index.after.get(fiche.id) ?? []) if (id !== fiche.id) after.add(id);
  const published = (ids: Set<string>) =>
    [...ids].flatMap((id) => {
      const linked = id === fiche.id ? undefined : catalog.ficheById.get(id);
      return linked && linked.type === 'demarche' ? [linked] : [];
    });
  return { before: published(before), after: published(after) };
}

/** The documents and linked démarches of a fiche for its JSON-LD, in the page's language. */
export function ficheJsonLdDocuments(catalog: Catalog, fiche: CatalogFiche, locale: Locale) {
  if (fiche.type !== 'demarche') return {};
  const steps = ficheSteps(catalog, fiche);
  return {
    documents: documentLinesIn(fiche, catalog.documentById, locale).map((line) => ({
      name: line.name.value,
      note: line.note?.value,
      required: line.need === 'required',
    })),
    relatedServices: [...steps.before, ...steps.after].map((linked) => {
      const { content } = chooseContentLocale(linked.translatedLocales, locale);
      return { name: textIn(linked.title, content)?.value ?? '', url: absoluteUrl(siteUrl, sitePaths.fiche(content, linked)) };
    }),
  };
}
