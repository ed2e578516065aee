/**
 * What the appointment sheet (src/client/appointmentSheet.ts) needs of one saved démarche, in the
 * reader's language and in French side by side: `/{lang}/demarches/{slug}/rendez-vous.json`. The
 * sheet is built in the browser from these files, kept offline with the saved fiche.
 */
import { absoluteUrl, defaultLocale, sitePaths, type Locale } from '@passerelle/content-schemas';
import { chooseContentLocale, sectionItemsIn, textIn, unitIn } from './render/fallback';
import { documentLinesIn } from './render/documents';

import { referenced, type Catalog, type CatalogFiche } from './catalog';

type Text = { text: string; lang: Locale };

export type AppointmentFiche = {
  path: string;
  url: string;
  /** The QR code of the page's address, made by the build for printed fiches. */
  qrCode: string;
  title: Text;
  frenchTitle: string;
  administration: (Text & { french: string }) | null;
  documents: { key: string; name: Text; french: string; note: Text | null; frenchNote: string | null; required: boolean }[];
  /** The titles of the « Comment faire ? » steps. */
  steps: (Text & { french: string })[];
  office: { name: string; address: string | null; phone: string | null; email: string | null; website: string | null };
};

export function appointmentFiche(catalog: Catalog, fiche: CatalogFiche, locale: Locale, siteUrl: string): AppointmentFiche {
  const { content } = chooseContentLocale(fiche.translatedLocales, locale);
  const path = sitePaths.fiche(locale, fiche);
  const title = textIn(fiche.title, content);
  const structure = referenced(catalog.structureById, fiche.mainStructure, `fiches ${fiche.id} mainStructure`);
  const administration = unitIn(fiche.administrationName, 'administrationName', content, fiche.translationStatus);
  const frenchSteps = fiche.how[defaultLocale] ?? [];
  return {
    path,
    url: absoluteUrl(siteUrl, path),
    qrCode: `${path}qr.svg`,
    title: { text: title?.value ?? fiche.title.fr ?? '', lang: title?.locale ?? defaultLocale },
    frenchTitle: fiche.title.fr ?? '',
    administration:
      administration && fiche.administrationName?.fr
        ? { text: administration.value, lang: administration.locale, french: fiche.administrationName.fr }
        : null,
    documents: documentLinesIn(fiche, catalog.documentById, locale).map((line) => ({
      key: line.key,
      name: { text: line.name.value, lang: line.name.locale },
      french: line.french,
      note: line.note ? { text: line.note.value, lang: line.note.locale } : null,
      frenchNote: line.frenchNote ?? null,
      required: line.need === 'required',
    })),
    steps: sectionItemsIn(fiche, 'how', content).map((item, index) => ({
      text: item.value.title,
      lang: item.locale,
      french: frenchSteps[index]?.title ?? item.value.title,
    })),
    office: {
      name: structure.name,
      address: structure.contact?.address ?? null,
      phone: structure.contact?.phone ?? null,
      email: structure.contact?.email ?? null,
      website: structure.contact?.website ?? null,
    },
  };
}
