'use client';
/**
 * Under the admin's login form: the two-factor code, and the enrolment of an authenticator app.
 * Payload's login form has no slot for one more field, so the code travels to the login request
 * in a cookie limited to `/api/users`, two minutes long (`secondFactor.ts` reads it); the code is
 * good once only anyway. Enrolment asks for the e-mail and password again, shows the QR code the
 * CMS drew and the key to type by hand; the next login with a code turns it on.
 * Keyboard: ordinary inputs, a disclosure (<details>) and a button; Enter in the enrolment
 * fields asks for the QR code. ARIA: errors are announced
 * (`role="alert"`), the QR code has a text alternative and the key is given as text too.
 */
import { useConfig } from '@payloadcms/ui';
import React, { useEffect, useState } from 'react';

type Enrolment = { qrCode: string; secret: string };

const cookieName = 'passerelle-totp';

export function SecondFactorLogin(): React.ReactElement {
  const { config } = useConfig();
  const api = `${config.serverURL}${config.routes.api}`;
  const cookiePath = `${config.routes.api}/users`;
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [enrolment, setEnrolment] = useState<Enrolment | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    const value = code.replace(/\s+/g, '');
    document.cookie = value
      ? `${cookieName}=${encodeURIComponent(value)}; Path=${cookiePath}; Max-Age=120; SameSite=Strict${secure}`
      : `${cookieName}=; Path=${cookiePath}; Max-Age=0; SameSite=Strict${secure}`;
  }, [code, cookiePath]);

  async function enrol(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch(`${api}/users/totp/setup`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const body = (await response.json()) as Enrolment & { errors?: { message?: string }[] };
      if (!response.ok) {
        setError(body.errors?.[0]?.message ?? `Activation impossible (HTTP ${response.status}).`);
        return;
      }
      setEnrolment({ qrCode: body.qrCode, secret: body.secret });
      setPassword('');
    } catch {
      setError('Le CMS ne répond pas ; réessayez dans un instant.');
    } finally {
      setBusy(false);
    }
  }

  const field: React.CSSProperties = { display: 'flex', flexDirection: 'column', gap: '0.25rem', marginBlockEnd: '0.75rem' };
  return (
    <div style={{ marginBlockStart: '1.5rem' }}>
      <div style={field}>
        <label htmlFor="passerelle-totp-code">Code de double authentification (6 chiffres)</label>
        <input
          id="passerelle-totp-code"
          name="totp-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-describedby="passerelle-totp-help"
        />
        <small id="passerelle-totp-help">
          Pour les comptes qui l’ont activée (obligatoire pour les administrateurs et les traducteurs experts) : saisissez le code
          de votre application d’authentification avant de vous connecter.
        </small>
      </div>
      <details>
        <summary>Activer la double authentification</summary>
        {enrolment ? (
          <div>
            <p>
              Scannez ce code QR avec votre application d’authentification (par exemple FreeOTP, Aegis ou Google Authenticator) :
            </p>
            <img src={enrolment.qrCode} alt="Code QR d’activation de la double authentification" width={210} height={210} />
            <p>
              Ou saisissez cette clé à la main : <code>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
            <p>Puis saisissez ci-dessus le code à 6 chiffres affiché par l’application, et connectez-vous : c’est activé.</p>
          </div>
        ) : (
          // Not a <form>: the page has one submit button, Payload's « Se connecter ».
          <div
            role="group"
            aria-label="Activer la double authentification"
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !busy) {
                event.preventDefault();
                void enrol();
              }
            }}
          >
            <p>Confirmez votre adresse e-mail et votre mot de passe pour obtenir le code QR à scanner.</p>
            <div style={field}>
              <label htmlFor="passerelle-totp-email">Adresse e-mail</label>
              <input
                id="passerelle-totp-email"
                name="totp-email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div style={field}>
              <label htmlFor="passerelle-totp-password">Mot de passe</label>
              <input
                id="passerelle-totp-password"
                name="totp-password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button
              type="button"
              className="btn btn--style-secondary btn--size-small"
              disabled={busy}
              onClick={() => void enrol()}
            >
              Afficher le code QR
            </button>
          </div>
        )}
        {error ? <p role="alert">{error}</p> : null}
      </details>
    </div>
  );
}
