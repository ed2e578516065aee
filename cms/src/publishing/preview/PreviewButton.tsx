'use client';
/**
 * « Prévisualiser », in the edit view of a fiche and of a translation: opens the draft, as the
 * site will show it, in a new tab (previewEndpoints.ts). A link, not a button: it opens a page,
 * and the keyboard and screen readers treat it as one. It shows the last saved version: with
 * unsaved changes, its note says so.
 */
import { Button, useDocumentInfo, useFormModified, useLocale } from '@payloadcms/ui';
import type React from 'react';

export function PreviewButton(): React.ReactElement | null {
  const { id, collectionSlug } = useDocumentInfo();
  const locale = useLocale();
  const modified = useFormModified();
  if (!id) return null;
  const url =
    collectionSlug === 'translations'
      ? `/api/preview/translation/${encodeURIComponent(String(id))}`
      : `/api/preview/fiche/${encodeURIComponent(String(id))}/${encodeURIComponent(locale?.code ?? 'fr')}`;
  const title = modified
    ? 'Ouvre la dernière version enregistrée dans un nouvel onglet : enregistrez d’abord vos modifications pour les voir.'
    : 'Ouvre ce brouillon dans un nouvel onglet, tel que le site l’affichera, sans le publier.';
  return (
    <Button
      el="anchor"
      url={url}
      newTab
      buttonStyle="secondary"
      size="medium"
      margin={false}
      tooltip={title}
      aria-label={`Prévisualiser (nouvel onglet). ${title}`}
    >
      Prévisualiser
    </Button>
  );
}
