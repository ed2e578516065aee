'use client';
/**
 * Admin header badge: the state of the public site's latest publication — waiting, in progress
 * (with its step), online, or failed/refused with the reason in French — refreshed every few
 * seconds while a publication runs. The badge is a link to the publication's record; a failed
 * one offers a « Relancer » button. Keyboard: both are ordinary focusable controls. ARIA:
 * `role="status"` so screen readers announce the new state politely when it changes.
 */
import { useConfig } from '@payloadcms/ui';
import React, { useCallback, useEffect, useState } from 'react';

import { colours, describeBuilds, type BuildSummary } from './BuildStatusText';

export function BuildStatus(): React.ReactElement {
  const { config } = useConfig();
  const api = `${config.serverURL}${config.routes.api}`;
  const adminRoute = config.routes.admin;
  const [builds, setBuilds] = useState<BuildSummary[] | undefined>(undefined);
  const [retrying, setRetrying] = useState(false);

  const load = useCallback(async (): Promise<BuildSummary[] | undefined> => {
    try {
      const response = await fetch(
        `${api}/builds?limit=3&sort=-createdAt&depth=0&select[status]=true&select[phase]=true&select[reason]=true&select[finishedAt]=true&select[createdAt]=true`,
        {
          credentials: 'include',
        },
      );
      if (!response.ok) return undefined;
      const body = (await response.json()) as { docs: BuildSummary[] };
      setBuilds(body.docs);
      return body.docs;
    } catch {
      return undefined;
    }
  }, [api]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      const docs = await load();
      if (stopped) return;
      const busy = docs?.some((build) => build.status === 'queued' || build.status === 'running');
      timer = setTimeout(tick, busy ? 2_000 : 15_000);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load]);

  if (!builds) return <></>;
  const { text, status, build } = describeBuilds(builds);
  const colour = status === 'none' ? 'var(--theme-elevation-400)' : colours[status];
  const retry = async () => {
    setRetrying(true);
    await fetch(`${api}/builds/request`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trigger: 'Nouvelle tentative après un échec' }),
    }).catch(() => undefined);
    await load();
    setRetrying(false);
  };
  return (
    <div
      className="passerelle-build-status"
      role="status"
      style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', minWidth: 0, flexShrink: 1, marginInlineEnd: '1rem' }}
    >
      <a
        href={build ? `${adminRoute}/collections/builds/${build.id}` : `${adminRoute}/collections/builds`}
        title={text}
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: '0.4rem',
          minWidth: 0,
          textDecoration: 'none',
          color: 'inherit',
          fontSize: '0.8125rem',
        }}
      >
        <span
          aria-hidden="true"
          style={{ width: '0.6rem', height: '0.6rem', borderRadius: '50%', background: colour, flex: 'none' }}
        />
        <span style={{ maxWidth: '24rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{text}</span>
      </a>
      {(status === 'failed' || status === 'refused') && (
        <button
          type="button"
          onClick={retry}
          disabled={retrying}
          style={{
            flex: 'none',
            font: 'inherit',
            fontSize: '0.8125rem',
            padding: '0.15rem 0.6rem',
            border: '1px solid var(--theme-elevation-400)',
            borderRadius: '4px',
            background: 'var(--theme-elevation-50)',
            color: 'inherit',
            cursor: 'pointer',
          }}
        >
          {retrying ? 'Demande envoyée…' : 'Relancer'}
        </button>
      )}
    </div>
  );
}
