'use client';
/**
 * « Insérer comme proposition » for one translation-memory match: saves the match as the unit's
 * proposal through the memory endpoint, then reloads the page so the form shows it. A native
 * button (Enter/Space); the outcome is announced in a live region. Refuses while the form has
 * unsaved changes, which a reload would lose.
 */
import { useFormModified } from '@payloadcms/ui';
import { useState } from 'react';

type Props = { translationId: string; unit: string; target: string; describedBy: string };

export function MemoryInsertButton({ translationId, unit, target, describedBy }: Props) {
  const modified = useFormModified();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const insert = async () => {
    if (modified) {
      setMessage('Enregistrez d’abord vos modifications : l’insertion recharge la page.');
      return;
    }
    setBusy(true);
    setMessage('Insertion en cours…');
    try {
      const response = await fetch(`/api/translations/${encodeURIComponent(translationId)}/memory-proposal`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ unit, target }),
      });
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      if (response.ok) {
        setMessage(body.message ?? 'Suggestion insérée.');
        window.location.reload();
        return;
      }
      setMessage(body.message ?? `La suggestion n’a pas pu être insérée (erreur ${response.status}).`);
    } catch {
      setMessage('Le serveur ne répond pas : la suggestion n’a pas été insérée. Réessayez.');
    }
    setBusy(false);
  };

  return (
    <span>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        onClick={insert}
        disabled={busy}
        aria-describedby={describedBy}
      >
        Insérer comme proposition
      </button>
      <span role="status" style={{ marginInlineStart: '0.5rem' }}>
        {message}
      </span>
    </span>
  );
}
