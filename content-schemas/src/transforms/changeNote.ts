import { defaultLocale, type Locale } from '../locales';
import type { Fiche } from '../schemas/FicheSchema';
import { isFilled } from './translations';

/** A fiche's change note as a reader of `locale` gets it: the text, its real language, its date. */
export type ChangeNote = { text: string; locale: Locale; date: string };

/**
 * The note of the fiche's latest French publication that carried one, in `locale` when an expert
 * validated its translation against this very note, else in French. A translated note that is
 * outdated was written for an earlier publication, so it is never shown: unlike a section, an
 * old note says nothing true about the new one. None without a date: a note is announced only
 * with the publication it was written for (the CMS dates it; an undated note is a leftover).
 */
export function changeNoteIn(
  fiche: Pick<Fiche, 'changeNote' | 'changeNoteDate' | 'translationStatus'>,
  locale: Locale,
): ChangeNote | undefined {
  const date = fiche.changeNoteDate;
  const french = fiche.changeNote?.[defaultLocale];
  if (!date || !isFilled(french)) return undefined;
  const current = locale !== defaultLocale && fiche.translationStatus?.[locale]?.changeNote?.state === 'validated';
  const translated = current ? fiche.changeNote?.[locale] : undefined;
  return isFilled(translated) ? { text: translated, locale, date } : { text: french, locale: defaultLocale, date };
}
