import { defaultLocale, type Locale } from '../locales';
import type { Fiche } from '../schemas/FicheSchema';
import { isFilled, textIn } from './localizedText';

/** A fiche's change note as a reader of `locale` gets it: the text, its real language, its date. */
export type ChangeNote = { text: string; locale: Locale; date: string };

/**
 * The note of the fiche's latest French publication that carried one, in `locale` when it was
 * translated, else in French. None without a date: a note is announced only with the
 * publication it was written for (the CMS dates it; an undated note is a leftover).
 */
export function changeNoteIn(fiche: Pick<Fiche, 'changeNote' | 'changeNoteDate'>, locale: Locale): ChangeNote | undefined {
  const date = fiche.changeNoteDate;
  if (!date || !isFilled(fiche.changeNote?.[defaultLocale])) return undefined;
  const note = textIn(fiche.changeNote, locale);
  return note && { text: note.value, locale: note.locale, date };
}
