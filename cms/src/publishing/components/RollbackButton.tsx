'use client';
/**
 * The rollback button and its confirmation, in place (no browser dialog): the first button asks,
 * the confirmation names the version and says what happens; « Confirmer » sends the request,
 * « Annuler » (or Escape) goes back. Keyboard: focus moves to the confirmation when it opens, and
 * back to the first button when it is cancelled; the outcome is announced (role="status"/"alert").
 */
import { useRouter } from 'next/navigation';
import type React from 'react';
import { useEffect, useRef, useState } from 'react';

type State = { step: 'idle' | 'confirm' | 'sending' } | { step: 'done'; message: string } | { step: 'error'; message: string };

export function RollbackButton({ buildId, deployId }: { buildId: string; deployId: string }): React.ReactElement {
  const [state, setState] = useState<State>({ step: 'idle' });
  const router = useRouter();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state.step === 'confirm') confirmRef.current?.focus();
  }, [state.step]);

  const cancel = () => {
    setState({ step: 'idle' });
    setTimeout(() => openRef.current?.focus(), 0);
  };

  const confirm = async () => {
    setState({ step: 'sending' });
    try {
      const response = await fetch(`/api/builds/${encodeURIComponent(buildId)}/rollback`, {
        method: 'POST',
        credentials: 'include',
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; id?: string };
      if (!response.ok) {
        setState({ step: 'error', message: body.error ?? `La remise en ligne a échoué (HTTP ${response.status}).` });
        return;
      }
      setState({
        step: 'done',
        message: `La version ${deployId} est de nouveau en ligne. La remise en ligne est enregistrée dans les publications.`,
      });
      router.refresh();
    } catch {
      setState({ step: 'error', message: 'Le CMS ne répond pas : la remise en ligne n’a pas pu être demandée.' });
    }
  };

  return (
    <section aria-labelledby="rollback-title" style={{ marginBlockEnd: '1.5rem' }}>
      <h3 id="rollback-title" style={{ fontSize: '1rem', marginBlockEnd: '0.5rem' }}>
        Version du site
      </h3>
      {state.step === 'idle' || state.step === 'done' || state.step === 'error' ? (
        <button
          ref={openRef}
          type="button"
          className="btn btn--style-secondary btn--size-small"
          onClick={() => setState({ step: 'confirm' })}
        >
          Remettre cette version en ligne
        </button>
      ) : (
        <div
          role="group"
          aria-labelledby="rollback-question"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && state.step === 'confirm') cancel();
          }}
        >
          <p id="rollback-question" style={{ marginBlockEnd: '0.5rem' }}>
            Remettre en ligne la version {deployId} ? Le site public reviendra à ce qu’il montrait après cette publication,
            jusqu’à la prochaine publication.
          </p>
          <button
            ref={confirmRef}
            type="button"
            className="btn btn--style-primary btn--size-small"
            disabled={state.step === 'sending'}
            onClick={() => void confirm()}
          >
            {state.step === 'sending' ? 'Remise en ligne…' : 'Confirmer la remise en ligne'}
          </button>{' '}
          <button
            type="button"
            className="btn btn--style-secondary btn--size-small"
            disabled={state.step === 'sending'}
            onClick={cancel}
          >
            Annuler
          </button>
        </div>
      )}
      {state.step === 'done' && <p role="status">{state.message}</p>}
      {state.step === 'error' && <p role="alert">{state.message}</p>}
    </section>
  );
}
