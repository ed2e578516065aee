/**
 * The model of a fiche page in one language: which language its text is in, its sections with
 * rich text rendered to HTML, its structures and the languages it can be read in.
 */
import {
  chooseContentLocale,
  richTextToHtml,
  sectionKeys,
  sitePaths,
  textIn,
  valueIn,
  type ContentLocaleChoice,
  type Locale,
  type LocalizedText,
  type SectionKey,
  type Structure,
} from '@passerelle/content-schemas';

import { referenced, type Catalog, type CatalogFiche } from './catalog';
import { translator, type MessageKey } from './i18n';

export type RenderedSection = { key: SectionKey; heading: string; items: { title: string; html: string }[] };

export type FichePageModel = {
  fiche: CatalogFiche;
  language: ContentLocaleChoice;
  title: string;
  summary: string | undefined;
  /** The brand of a dispositif or the administration of a démarche, in the content language. */
  subtitle: LocalizedText | undefined;
  sections: RenderedSection[];
  mainStructure: Structure;
  partners: Structure[];
};

/** Where a fiche's text is in a given language, for messages: `fiches 4f1c… how.ar[1].body`. */
function sectionPath(fiche: CatalogFiche, key: SectionKey, locale: Locale, index: number): string {
  return `fiches ${fiche.id} ${key}.${locale}[${index}].body`;
}

/** The URL of another fiche on a `pageLocale` page, or undefined when it isn't published. */
export function ficheUrlResolver(catalog: Catalog, pageLocale: Locale) {
  return (ficheId: string) => {
    const target = catalog.ficheById.get(ficheId);
    return target ? sitePaths.fiche(pageLocale, target) : undefined;
  };
}

/**
 * On a fallback page the whole text block is French, section headings and link hints included,
 * so it reads as one French passage under the notice written in the reader's language.
 */
export function fichePageModel(catalog: Catalog, fiche: CatalogFiche, requested: Locale, warn: (message: string) => void): FichePageModel {
  const language = chooseContentLocale(fiche.translations, requested);
  const content = language.content;
  const t = translator(content);
  const resolveFicheUrl = ficheUrlResolver(catalog, requested);
  const sections = sectionKeys.flatMap((key): RenderedSection[] => {
    const items = fiche[key]?.[content] ?? [];
    if (items.length === 0) return [];
    const headingKey: MessageKey = `fiche.section.${key}`;
    return [
      {
        key,
        heading: t(headingKey),
        items: items.map((item, index) => ({
          title: item.title,
          html: richTextToHtml(item.body, {
            path: sectionPath(fiche, key, content, index),
            resolveFicheUrl,
            externalLinkHint: t('link.external'),
            headingLevel: 3,
            onWarning: warn,
          }),
        })),
      },
    ];
  });
  const subtitleField = fiche.type === 'dispositif' ? fiche.brandName : fiche.administrationName;
  const title = valueIn(fiche.title, content);
  if (title === undefined) throw new Error(`fiches ${fiche.id} title.${content}: missing although the fiche counts as translated`);
  return {
    fiche,
    language,
    title,
    summary: valueIn(fiche.summary, content),
    subtitle: subtitleField ? textIn(subtitleField, content) : undefined,
    sections,
    mainStructure: referenced(catalog.structureById, fiche.mainStructure, `fiches ${fiche.id} mainStructure`),
    partners: (fiche.partnerStructures ?? []).map((id, index) => referenced(catalog.structureById, id, `fiches ${fiche.id} partnerStructures.${index}`)),
  };
}
