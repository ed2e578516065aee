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

export function ficheSteps(catalog: Pick<Catalog, 'fiches' | 'ficheById'>, fiche: CatalogFiche): FicheSteps {
  const before = new Set(fiche.stepsBefore ?? []);
  const after = new Set(fiche.stepsAfter ?? []);
  for (const other of catalog.fiches) {
    if (other.id === fiche.id) continue;
    if ((other.stepsAfter ?? []).includes(fiche.id)) before.add(other.id);
    if ((other.stepsBefore ?? []).includes(fiche.id)) after.add(other.id);
  }
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
