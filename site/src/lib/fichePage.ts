/**
 * The model of a fiche page in one language: which language its text is in, its sections with
 * rich text rendered to HTML, its structures and the languages it can be read in.
 */
import { sectionKeys, sitePaths, type Locale, type SectionKey, type Structure } from '@passerelle/content-schemas';
import { chooseContentLocale, sectionItemsIn, unitIn, type ContentLocaleChoice, type UnitText } from './render/fallback';
import { RichTextError, richTextToHtml } from './render/richTextToHtml';

import { referenced, type Catalog, type CatalogFiche } from './catalog';
import { translator, type MessageKey } from './i18n';

/**
 * Where a unit's text stands on the page: `locale` is the language it is written in (French for a
 * unit not translated yet, `isFallback`), `outdatedSince` is set when the French changed after
 * the translation shown was validated.
 */
export type UnitState = Pick<UnitText<unknown>, 'locale' | 'isFallback' | 'outdatedSince'>;

export type RenderedSectionItem = UnitState & { title: string; html: string };
export type RenderedSection = { key: SectionKey; heading: string; items: RenderedSectionItem[] };

export type FichePageModel = {
  fiche: CatalogFiche;
  language: ContentLocaleChoice;
  title: string;
  titleState: UnitState;
  summary: string | undefined;
  summaryState: UnitState | undefined;
  /** The brand of a dispositif or the administration of a démarche, translated or in French. */
  subtitle: UnitText<string> | undefined;
  sections: RenderedSection[];
  mainStructure: Structure;
  partners: Structure[];
};

/** Where a fiche's text is in a given language, for messages: `fiches 4f1c… how.ar[1].body`. */
function sectionPath(fiche: CatalogFiche, key: SectionKey, locale: Locale, index: number): string {
  return `fiches ${fiche.id} ${key}.${locale}[${index}].body`;
}

/**
 * A rich text the site cannot render stops the build; the message then names the fiche as an
 * editor knows it (French title, slug) next to the id and the path, so it can be found and fixed.
 */
function renderSectionBody(fiche: CatalogFiche, render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof RichTextError) {
      const title = fiche.title.fr ?? '';
      throw new RichTextError(`${error.message} (fiche « ${title} », /${fiche.slug}/) — fix it in the CMS`, { cause: error });
    }
    throw error;
  }
}

/** The URL of another fiche on a `pageLocale` page, or undefined when it isn't published. */
export function ficheUrlResolver(catalog: Catalog, pageLocale: Locale) {
  return (ficheId: string) => {
    const target = catalog.ficheById.get(ficheId);
    return target ? sitePaths.fiche(pageLocale, target) : undefined;
  };
}

function unitState(unit: UnitText<unknown>): UnitState {
  return { locale: unit.locale, isFallback: unit.isFallback, outdatedSince: unit.outdatedSince };
}

/**
 * On a fallback page the whole text block is French, section headings and link hints included,
 * so it reads as one French passage under the notice written in the reader's language. On a
 * translated page each unit is in the page's language where validated, else in French (an item
 * in French keeps French link hints; the page marks it and labels it).
 */
export function fichePageModel(
  catalog: Catalog,
  fiche: CatalogFiche,
  requested: Locale,
  warn: (message: string) => void,
): FichePageModel {
  const language = chooseContentLocale(fiche.translatedLocales, requested);
  const content = language.content;
  const t = translator(content);
  const resolveFicheUrl = ficheUrlResolver(catalog, requested);
  const sections = sectionKeys.flatMap((key): RenderedSection[] => {
    const items = sectionItemsIn(fiche, key, content);
    if (items.length === 0) return [];
    const headingKey: MessageKey = `fiche.section.${key}`;
    return [
      {
        key,
        heading: t(headingKey),
        items: items.map((item, index) => ({
          ...unitState(item),
          title: item.value.title,
          html: renderSectionBody(fiche, () =>
            richTextToHtml(item.value.body, {
              path: sectionPath(fiche, key, item.locale, index),
              resolveFicheUrl,
              externalLinkHint: translator(item.locale)('link.external'),
              headingLevel: 3,
              onWarning: warn,
            }),
          ),
        })),
      },
    ];
  });
  const subtitleKey = fiche.type === 'dispositif' ? 'brandName' : 'administrationName';
  const status = fiche.translationStatus;
  const title = unitIn(fiche.title, 'title', content, status);
  if (title === undefined || title.locale !== content)
    throw new Error(`fiches ${fiche.id} title.${content}: missing although the fiche counts as translated`);
  const summary = unitIn(fiche.summary, 'summary', content, status);
  return {
    fiche,
    language,
    title: title.value,
    titleState: unitState(title),
    summary: summary?.value,
    summaryState: summary ? unitState(summary) : undefined,
    subtitle: unitIn(fiche[subtitleKey], subtitleKey, content, status),
    sections,
    mainStructure: referenced(catalog.structureById, fiche.mainStructure, `fiches ${fiche.id} mainStructure`),
    partners: (fiche.partnerStructures ?? []).map((id, index) =>
      referenced(catalog.structureById, id, `fiches ${fiche.id} partnerStructures.${index}`),
    ),
  };
}
