'use client';
/**
 * « Brouillon automatique » buttons of the side-by-side view: one asks the machine translator
 * for a unit (or for every unit not translated yet), the other lets an expert confirm an
 * unedited machine draft before validating. Each posts to its endpoint, then reloads the page
 * so the form shows the saved text. Native buttons (Enter/Space); a native confirmation before
 * replacing text; the outcome (or the refusal, in French) is announced in a live region.
 * Refuses while the form has unsaved changes, which a reload would lose.
 */
import { useFormModified } from '@payloadcms/ui';
import { useState } from 'react';

type Props = {
  translationId: string;
  action: 'machine-draft' | 'machine-confirm';
  unit?: string;
  label: string;
  /** Asked before sending (the unit already has text that the draft replaces). */
  confirmation?: string;
  describedBy?: string;
};

export function MachineDraftButton({ translationId, action, unit, label, confirmation, describedBy }: Props) {
  const modified = useFormModified();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (modified) {
      setMessage('Enregistrez d’abord vos modifications : cette action recharge la page.');
      return;
    }
    if (confirmation && !window.confirm(confirmation)) return;
    setBusy(true);
    setMessage(action === 'machine-draft' ? 'Traduction automatique en cours…' : 'Confirmation en cours…');
    try {
      const response = await fetch(`/api/translations/${encodeURIComponent(translationId)}/${action}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(unit ? { unit } : {}),
      });
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      if (response.ok) {
        setMessage(body.message ?? 'Enregistré.');
        window.location.reload();
        return;
      }
      setMessage(body.message ?? `La demande a échoué (erreur ${response.status}). Rien n’a été modifié.`);
    } catch {
      setMessage('Le serveur ne répond pas : rien n’a été modifié. Réessayez.');
    }
    setBusy(false);
  };

  return (
    <span style={{ display: 'block', marginBlockStart: '0.25rem' }}>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        onClick={send}
        disabled={busy}
        aria-describedby={describedBy}
        style={{ margin: 0 }}
      >
        {label}
      </button>
      <span role="status" style={{ marginInlineStart: '0.5rem' }}>
        {message}
      </span>
    </span>
  );
}
