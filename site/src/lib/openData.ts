/**
 * The open data file of a language (`/{lang}/fiches.json`): every published fiche with its
 * language-neutral facts, addresses and texts in that language or French. The result is
 * validated with content-schemas' `OpenDataSchema` before it is written: a file partners would
 * fail to read fails the build instead.
 */
import {
  absoluteUrl,
  changeNoteIn,
  defaultLocale,
  lastChangeOf,
  lastCheckOf,
  OpenDataSchema,
  openDataFormatVersion,
  sitePaths,
  type Locale,
  type OpenData,
} from '@passerelle/content-schemas';
import { chooseContentLocale, textIn } from './render/fallback';
import { documentLinesIn } from './render/documents';

import { latestUpdate, referenced, type Catalog, type CatalogFiche } from './catalog';
import { ficheSteps } from './ficheSteps';

/** Placeholder until the project settles its data licence (see docs/partners.md). */
export const openDataLicence = 'to be decided: see the licence section of the partner documentation';

export class OpenDataError extends Error {
  override name = 'OpenDataError';
}

function openDataFiche(catalog: Catalog, fiche: CatalogFiche, locale: Locale, siteUrl: string): OpenData['fiches'][number] {
  const where = `fiches ${fiche.id}`;
  const { content, isFallback } = chooseContentLocale(fiche.translatedLocales, locale);
  const title = textIn(fiche.title, content);
  const summary = textIn(fiche.summary, content);
  if (!title || !summary) throw new OpenDataError(`${where}: no French title or summary for the open data file`);
  const themeIds = [fiche.primaryTheme, ...(fiche.secondaryThemes ?? []).filter((id) => id !== fiche.primaryTheme)];
  const structure = (id: string, field: string) => {
    const found = referenced(catalog.structureById, id, `${where} ${field}`);
    return { slug: found.slug, name: found.name };
  };
  const note = changeNoteIn(fiche, locale);
  const steps = ficheSteps(catalog, fiche);
  return {
    id: fiche.id,
    shortId: fiche.shortId,
    type: fiche.type,
    translated: !isFallback,
    title: { text: title.value, lang: title.locale },
    summary: { text: summary.value, lang: summary.locale },
    urls: {
      page: absoluteUrl(siteUrl, sitePaths.fiche(locale, fiche)),
      french: absoluteUrl(siteUrl, sitePaths.fiche(defaultLocale, fiche)),
      shortLink: absoluteUrl(siteUrl, sitePaths.shortLink(fiche.shortId)),
    },
    primaryTheme: referenced(catalog.themeById, fiche.primaryTheme, `${where} primaryTheme`).slug,
    themes: themeIds.map((id) => referenced(catalog.themeById, id, `${where} themes`).slug),
    needs: (fiche.needs ?? []).map((id) => referenced(catalog.needById, id, `${where} needs`).slug),
    structures: {
      main: structure(fiche.mainStructure, 'mainStructure'),
      partners: (fiche.partnerStructures ?? []).map((id) => structure(id, 'partnerStructures')),
    },
    infocards: fiche.infocards,
    externalLink: fiche.externalLink ?? null,
    lastCheckedAt: lastCheckOf(fiche),
    lastChangedAt: lastChangeOf(fiche),
    nextReviewAt: fiche.nextReviewAt ?? null,
    updatedAt: fiche.updatedAt,
    documents: documentLinesIn(fiche, catalog.documentById, locale).map((line) => ({
      name: { text: line.name.value, lang: line.name.locale },
      french: line.french,
      note: line.note ? { text: line.note.value, lang: line.note.locale } : null,
      frenchNote: line.frenchNote ?? null,
      required: line.need === 'required',
      shared: line.key.startsWith('d:') ? line.key.slice(2) : null,
    })),
    noDocuments: Boolean(fiche.noDocuments),
    steps: { before: steps.before.map((linked) => linked.shortId), after: steps.after.map((linked) => linked.shortId) },
    changeNote: note ? { text: note.text, lang: note.locale, date: note.date } : null,
  };
}

/** The open data of `locale`, fiches in the catalog's order (French title), validated. */
export function openDataOf(catalog: Catalog, locale: Locale, siteUrl: string): OpenData {
  const data = {
    format: 'passerelle-fiches' as const,
    version: openDataFormatVersion,
    lang: locale,
    updatedAt: latestUpdate(catalog.fiches) ?? null,
    licence: openDataLicence,
    documentation: absoluteUrl(siteUrl, sitePaths.embedDocumentation()),
    feed: absoluteUrl(siteUrl, sitePaths.feed(locale)),
    fiches: catalog.fiches.map((fiche) => openDataFiche(catalog, fiche, locale, siteUrl)),
  };
  const result = OpenDataSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new OpenDataError(
      `${sitePaths.openData(locale)} does not match OpenDataSchema at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return result.data;
}
