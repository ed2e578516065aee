import type { ArrayField, Field, FilterOptions, Tab, TextField, Validate, Where } from 'payload';

import { documentNeeds, textLimits } from '@passerelle/content-schemas';

const isDemarche = (data: Partial<{ type: string }> | undefined) => data?.type !== 'dispositif';

/** A short note beside a document: « original et copie », « de moins de 3 mois ». */
export const documentNoteMaxLength = 120;

const needLabels: Record<(typeof documentNeeds)[number], string> = {
  required: 'Toujours demandé',
  sometimes: 'Seulement dans certains cas (dites lesquels dans la note)',
};

/** In French, each row names its document: picked from the shared list, or written here. */
const nameOrDocument: Validate<string | null | undefined> = (value, { siblingData, req }) => {
  if (req.locale && req.locale !== 'fr') return true;
  const document = (siblingData as { document?: unknown } | undefined)?.document;
  return Boolean(document) || Boolean(value?.trim()) || 'Choisissez un document de la liste commune, ou écrivez son nom.';
};

/**
 * The fields of one document row. A fiche's rows are localized as a whole list, like its
 * sections: the French row says which document and whether it is always needed; a translated
 * row (copied from a validated translation) carries only its texts, matched by position.
 */
export function documentRowFields({ translation = false }: { translation?: boolean } = {}): Field[] {
  const name: TextField = {
    name: 'name',
    label: translation ? 'Nom (document propre à cette fiche)' : 'Nom (si le document n’est pas dans la liste commune)',
    type: 'text',
    maxLength: textLimits.title,
    ...(translation
      ? {
          admin: {
            description: 'Vide pour un document de la liste commune : son nom est traduit une seule fois, dans la liste.',
          },
        }
      : { validate: nameOrDocument }),
  };
  const note: TextField = {
    name: 'note',
    label: 'Précision (facultatif)',
    type: 'text',
    maxLength: documentNoteMaxLength,
    admin: { description: '« original et copie », « de moins de 3 mois »…' },
  };
  if (translation) return [name, note];
  return [
    {
      type: 'row',
      fields: [
        {
          name: 'document',
          label: 'Document de la liste commune',
          type: 'relationship',
          relationTo: 'documents',
          admin: { width: '50%' },
        },
        {
          name: 'need',
          label: 'Demandé',
          type: 'select',
          defaultValue: 'required',
          options: documentNeeds.map((value) => ({ value, label: needLabels[value] })),
          admin: { width: '50%' },
        },
      ],
    },
    name,
    note,
  ];
}

/** « Documents à fournir » on a démarche: an ordered list, each row a translation unit (`documents.N`). */
export function documentsField(overrides: Partial<ArrayField> = {}): ArrayField {
  return {
    name: 'documents',
    label: 'Documents à fournir',
    type: 'array',
    localized: true,
    interfaceName: 'FicheDocuments',
    labels: { singular: 'Document', plural: 'Documents' },
    admin: {
      condition: isDemarche,
      description:
        'Dans l’ordre où le lecteur les rassemble. Les lecteurs les cochent sur la fiche et dans leur fiche de rendez-vous.',
    },
    fields: documentRowFields(),
    ...overrides,
  } as ArrayField;
}

/** Links go from a démarche to other démarches only. */
const otherDemarches: FilterOptions = ({ id }) => {
  const where: Where[] = [{ type: { equals: 'demarche' } }];
  if (id) where.push({ id: { not_equals: id } });
  return { and: where };
};

/** The document fields of a démarche, as a tab of the fiche (one line in Fiches/index.ts). */
export const documentsTab: Tab = {
  label: 'Documents et étapes',
  description: 'Démarches seulement : les documents à apporter et les démarches qui viennent avant ou après.',
  fields: [
    documentsField(),
    {
      name: 'noDocuments',
      label: 'Aucun document à fournir',
      type: 'checkbox',
      defaultValue: false,
      admin: { condition: isDemarche, description: 'Cochez seulement si la démarche ne demande vraiment aucun document.' },
    },
    {
      name: 'stepsBefore',
      label: 'Démarches à faire avant',
      type: 'relationship',
      relationTo: 'fiches',
      hasMany: true,
      filterOptions: otherDemarches,
      admin: { condition: isDemarche, description: 'Par exemple, « Ouvrir un compte bancaire » avant « Demander le RSA ».' },
    },
    {
      name: 'stepsAfter',
      label: 'Démarches à faire après',
      type: 'relationship',
      relationTo: 'fiches',
      hasMany: true,
      filterOptions: otherDemarches,
      admin: { condition: isDemarche },
    },
    {
      name: 'linkedStepsStatus',
      type: 'ui',
      admin: { condition: isDemarche, components: { Field: '/components/LinkedStepsStatus#LinkedStepsStatus' } },
    },
  ],
};

type DocumentRow = { document?: unknown; name?: string | null };

/** Completeness (completeness.ts): a démarche lists at least one document, or says it needs none. */
export function documentsMissing(fiche: {
  type?: string | null;
  documents?: DocumentRow[] | null;
  noDocuments?: boolean | null;
}) {
  if (fiche.type === 'dispositif' || fiche.noDocuments) return undefined;
  const named = (fiche.documents ?? []).filter((row) => Boolean(row.document) || Boolean(row.name?.trim()));
  if (named.length > 0) return undefined;
  return {
    path: 'documents',
    message: 'Indiquez au moins un document à fournir, ou cochez « Aucun document à fournir » (onglet « Documents et étapes »).',
  };
}
