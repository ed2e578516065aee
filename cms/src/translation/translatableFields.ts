import type { ArrayField, Field } from 'payload';

import {
  itemListKeys,
  rtlLocales,
  sectionKeys,
  textLimits,
  textUnitKeys,
  type SectionKey,
  type TextUnitKey,
} from '@passerelle/content-schemas';

import { validateChangeNote } from '../fields/changeNote';
import { documentRowFields, documentsField } from '../fields/documentsField';
import { sectionField } from '../fields/sectionField';

/**
 * The one description of the translatable fields of a fiche, keyed by the contract's unit list
 * (content-schemas/src/translationUnits.ts): a unit key added there must be described here (the
 * `Record` types make it a compile error otherwise), and the Translations collection, the unit
 * labels, `publishValidated` and the units all follow.
 */
type FicheType = 'demarche' | 'dispositif';
type TextUnitSpec = {
  label: string;
  kind: 'text' | 'textarea';
  maxLength?: number;
  onlyFor?: FicheType;
  description?: string;
  validate?: unknown;
};
type SectionSpec = { label: string; onlyFor?: FicheType };

export const textUnitSpecs: Record<TextUnitKey, TextUnitSpec> = {
  title: { label: 'Titre', kind: 'text', maxLength: textLimits.title },
  brandName: { label: 'Nom du dispositif', kind: 'text', maxLength: textLimits.title, onlyFor: 'dispositif' },
  administrationName: { label: 'Administration concernée', kind: 'text', maxLength: textLimits.title, onlyFor: 'demarche' },
  summary: { label: 'Résumé', kind: 'textarea', maxLength: textLimits.summary },
  changeNote: {
    label: 'Note de modification',
    kind: 'textarea',
    validate: validateChangeNote,
    description:
      'Seulement si la fiche française en a une (voir le texte source) : elle annonce la dernière publication. Une note dont le français a changé n’est plus publiée.',
  },
};

export const sectionSpecs: Record<SectionKey, SectionSpec> = {
  what: { label: 'C’est quoi ?' },
  why: { label: 'Pourquoi c’est intéressant ?', onlyFor: 'dispositif' },
  how: { label: 'Comment faire ?' },
  next: { label: 'Et après ?', onlyFor: 'demarche' },
};

/** Every translatable field, text units then item lists (sections, documents): the order of the side-by-side view. */
export const translatableFields = [...textUnitKeys, ...itemListKeys] as const;
export type TranslatableField = (typeof translatableFields)[number];

/** How editors and translators name a field (`unitLabel` names the items of a section). */
export const fieldLabels: Record<TranslatableField, string> = {
  ...Object.fromEntries(textUnitKeys.map((key) => [key, textUnitSpecs[key].label])),
  ...Object.fromEntries(sectionKeys.map((key) => [key, sectionSpecs[key].label])),
  documents: 'Documents à fournir',
  // Shorter in tables than on the form.
  administrationName: 'Administration',
} as Record<TranslatableField, string>;

const rtlLanguages = rtlLocales;
/** The field's inputs run in the translation's direction (DirectedField). */
const directed = (component: 'DirectedTextField' | 'DirectedTextareaField') => ({
  Field: { path: `/translation/components/DirectedField#${component}`, clientProps: { rtlLanguages } },
});

const shownFor = (type: FicheType | undefined) =>
  type
    ? {
        condition: (_data: unknown, siblingData: { ficheType?: string }) =>
          (siblingData?.ficheType === 'dispositif') === (type === 'dispositif'),
      }
    : {};

/** The Translations collection's editable fields, in the translation's direction. */
export function translationFields(): Field[] {
  const texts = textUnitKeys.map((name): Field => {
    const spec = textUnitSpecs[name];
    return {
      name,
      label: spec.label,
      type: spec.kind,
      ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
      ...(spec.validate ? { validate: spec.validate } : {}),
      admin: {
        ...shownFor(spec.onlyFor),
        ...(spec.description ? { description: spec.description } : {}),
        components: directed(spec.kind === 'text' ? 'DirectedTextField' : 'DirectedTextareaField'),
      },
    } as Field;
  });
  const withDirectedTexts = (list: ArrayField): ArrayField =>
    ({
      ...list,
      fields: list.fields.map((field) =>
        field.type === 'text'
          ? { ...field, admin: { ...field.admin, components: { ...field.admin?.components, ...directed('DirectedTextField') } } }
          : field,
      ),
    }) as ArrayField;
  const sections = sectionKeys.map((name): Field => {
    const spec = sectionSpecs[name];
    return withDirectedTexts(sectionField(name, spec.label, { localized: false, admin: shownFor(spec.onlyFor) }));
  });
  // A démarche's documents: the fiche's own names and the notes (fields/documentsField.ts).
  const documents = withDirectedTexts(
    documentsField({
      localized: false,
      interfaceName: 'TranslationDocuments',
      fields: documentRowFields({ translation: true }),
      admin: shownFor('demarche'),
    }),
  );
  return [...texts, ...sections, documents];
}
