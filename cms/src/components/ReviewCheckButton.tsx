'use client';
/**
 * Sidebar of a fiche: « Vérifiée, rien n'a changé » records that an editor (or the structure's
 * contributor) checked the facts of the published fiche, without editing its text: the check
 * date moves, the site is rebuilt, no translation is outdated. Keyboard: an ordinary button.
 * ARIA: the outcome is in a `role="status"` paragraph, read politely by screen readers.
 */
import { useConfig, useDocumentInfo } from '@payloadcms/ui';
import React, { useState } from 'react';

const frenchDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));

export function ReviewCheckButton(): React.ReactElement | null {
  const { config } = useConfig();
  const { id, hasPublishedDoc } = useDocumentInfo();
  const [state, setState] = useState<{ busy: boolean; message?: string; failed?: boolean }>({ busy: false });
  if (!id) return null;

  const check = async () => {
    setState({ busy: true });
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/fiches/${id}/verifier`, {
        method: 'POST',
        credentials: 'include',
      });
      const body = (await response.json()) as { lastCheckedAt?: string; nextReviewAt?: string; errors?: { message: string }[] };
      if (!response.ok || !body.lastCheckedAt) {
        setState({
          busy: false,
          failed: true,
          message: body.errors?.[0]?.message ?? 'La vérification n’a pas pu être enregistrée.',
        });
        return;
      }
      setState({
        busy: false,
        message: `Vérification enregistrée le ${frenchDate(body.lastCheckedAt)}${body.nextReviewAt ? ` ; prochaine vérification le ${frenchDate(body.nextReviewAt)}` : ''}. Le site va être republié.`,
      });
    } catch {
      setState({ busy: false, failed: true, message: 'Le serveur ne répond pas : la vérification n’a pas été enregistrée.' });
    }
  };

  return (
    <div style={{ marginBlockEnd: '1.5rem' }}>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        disabled={state.busy || !hasPublishedDoc}
        onClick={check}
      >
        Vérifiée, rien n’a changé
      </button>
      <p style={{ margin: 0, fontSize: '0.85em' }}>
        {hasPublishedDoc
          ? 'Les informations publiées sont toujours exactes : enregistre la vérification sans modifier le texte.'
          : 'Disponible une fois la fiche publiée.'}
      </p>
      <p role="status" style={{ margin: 0, color: state.failed ? 'var(--theme-error-500)' : undefined }}>
        {state.message}
      </p>
    </div>
  );
}
