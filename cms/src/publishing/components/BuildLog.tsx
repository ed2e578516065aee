/**
 * The end of a publication's build log, as plain preformatted text: readable offline and
 * selectable, with nothing loaded from outside. Read-only; the region scrolls and can take
 * keyboard focus so its overflow is reachable without a mouse.
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

export function BuildLog({ data }: UIFieldServerProps): React.ReactElement | null {
  const log = typeof data?.logTail === 'string' ? data.logTail : '';
  if (!log) return null;
  return (
    <section aria-labelledby="build-log-title" style={{ marginBlockEnd: '1.5rem' }}>
      <h3 id="build-log-title" style={{ fontSize: '1rem', marginBlockEnd: '0.25rem' }}>
        Fin du journal de construction
      </h3>
      <pre
        tabIndex={0}
        aria-labelledby="build-log-title"
        style={{
          maxBlockSize: '30rem',
          overflow: 'auto',
          padding: '0.75rem',
          background: 'var(--theme-elevation-50)',
          border: '1px solid var(--theme-elevation-150)',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          fontSize: '0.8rem',
        }}
      >
        {log}
      </pre>
    </section>
  );
}
