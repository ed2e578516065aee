import { changeNoteMaxLength } from '@passerelle/content-schemas';

/** The same limit and message for the French note (Fiches) and its translations (Translations). */
export const validateChangeNote = (value: string | null | undefined): true | string =>
  !value ||
  value.length <= changeNoteMaxLength ||
  `La note de modification ne doit pas dépasser ${changeNoteMaxLength} caractères (elle en a ${value.length}).`;
