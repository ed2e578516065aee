import { isSlug } from '@passerelle/content-schemas';

import { documentsMissing } from '../../fields/documentsField';
import type { Fiche, FicheSection } from '../../payload-types';

export type MissingField = { path: string; message: string };

/** Rules a fiche must meet before it can be published, on its French text. Messages are for editors. */
export function findMissingForPublication(fiche: Partial<Fiche>): MissingField[] {
  const missing: MissingField[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) missing.push({ path, message });
  };
  const isDispositif = fiche.type === 'dispositif';

  need(hasText(fiche.title), 'title', 'Le titre en français est obligatoire pour publier.');
  // The site and the export refuse a fiche without a usable address: it must never go live.
  need(
    fiche.slug === undefined || (typeof fiche.slug === 'string' && isSlug(fiche.slug)),
    'slug',
    'L’identifiant d’URL doit être en lettres minuscules sans accent, chiffres et tirets (ex. : carte-vitale) : corrigez-le ou videz-le pour le recréer à partir du titre.',
  );
  need(hasText(fiche.summary), 'summary', 'Le résumé en français est obligatoire pour publier.');
  need(
    countComplete(fiche.what) >= 1,
    'what',
    'La section « C’est quoi ? » doit avoir au moins un élément complet (titre et texte).',
  );
  need(Boolean(fiche.primaryTheme), 'primaryTheme', 'Choisissez le thème principal.');
  need(Boolean(fiche.mainStructure), 'mainStructure', 'Choisissez la structure responsable.');
  need(countComplete(fiche.how) >= 1, 'how', 'La section « Comment faire ? » doit avoir au moins un élément complet.');

  if (isDispositif) {
    need(hasText(fiche.brandName), 'brandName', 'Le nom du dispositif est obligatoire pour publier.');
    need(
      countComplete(fiche.why) >= 3,
      'why',
      'La section « Pourquoi c’est intéressant ? » doit avoir au moins 3 éléments complets.',
    );
  } else {
    need(countComplete(fiche.next) >= 1, 'next', 'La section « Et après ? » doit avoir au moins un élément complet.');
  }
  const documents = documentsMissing(fiche);
  if (documents) missing.push(documents);
  return missing;
}

function hasText(value: string | null | undefined): boolean {
  return Boolean(value && value.trim());
}

function countComplete(items: FicheSection | null | undefined): number {
  return (items ?? []).filter((item) => hasText(item.title) && richTextHasText(item.body)).length;
}

type LexicalNode = { text?: unknown; children?: unknown };

/** True when a Lexical document contains at least one non-blank text node. */
export function richTextHasText(value: unknown): boolean {
  const visit = (node: LexicalNode | null | undefined): boolean => {
    if (!node || typeof node !== 'object') return false;
    if (typeof node.text === 'string' && node.text.trim()) return true;
    return Array.isArray(node.children) && node.children.some((child) => visit(child as LexicalNode));
  };
  const root = (value as { root?: LexicalNode } | null | undefined)?.root;
  return visit(root);
}
