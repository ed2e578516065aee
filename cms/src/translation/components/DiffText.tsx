/**
 * A word diff (wordDiff.ts) as the translation views show it: what was added in green `<ins>`,
 * what was removed in red `<del>`, the rest as it is. Shared by the side-by-side view (outdated
 * French, a proposal against the validated text) and the memory's matches.
 */
import type React from 'react';

import type { DiffPart } from '../wordDiff';

export function DiffText({ parts }: { parts: readonly DiffPart[] }): React.ReactElement {
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={index} style={{ background: '#b8fec9' }}>
            {part.text}
          </ins>
        ) : (
          <del key={index} style={{ background: '#ffe9e6' }}>
            {part.text}
          </del>
        ),
      )}
    </>
  );
}
