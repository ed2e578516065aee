/**
 * Up to 3 translation-memory matches under a unit to translate, in the side-by-side view: the
 * similarity, the match's French with what differs from this unit's French marked, the validated
 * translation in its language and direction, and (for those who write this language) a button
 * that inserts it as a proposal. A list with a heading per match; the button names its match
 * through `aria-describedby`.
 */
import type React from 'react';

import { directionOf, type Locale } from '@passerelle/content-schemas';

import type { MemoryMatch } from '../memory/lookup';
import { DiffText } from './DiffText';
import { MemoryInsertButton } from './MemoryInsertButton';

type Props = { matches: MemoryMatch[]; unit: string; language: Locale; translationId: string; canInsert: boolean };

export function MemoryMatches({ matches, unit, language, translationId, canInsert }: Props): React.ReactElement | null {
  if (matches.length === 0) return null;
  const idPrefix = `memory-${unit.replace('.', '-')}`;
  return (
    <div
      className="passerelle-memory"
      style={{ paddingInlineStart: '1rem', borderInlineStart: '3px solid var(--theme-elevation-150)' }}
    >
      <p style={{ margin: '0 0 0.25rem', fontWeight: 600 }}>Mémoire de traduction : {matches.length} suggestion(s)</p>
      <ol style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {matches.map((match, index) => (
          <li key={index} style={{ marginBlockEnd: '0.5rem' }}>
            <span id={`${idPrefix}-${index}`} style={{ fontWeight: 600 }}>
              {match.similarity === 100 ? 'Correspondance exacte (100 %)' : `Correspondance à ${match.similarity} %`}
              {match.kind === 'sentences' ? ', assemblée phrase par phrase' : ''}
            </span>
            <div lang="fr" style={{ whiteSpace: 'pre-line' }}>
              <DiffText parts={match.differences} />
            </div>
            <div lang={language} dir={directionOf(language)} style={{ whiteSpace: 'pre-line', marginBlock: '0.25rem' }}>
              {match.target}
            </div>
            {canInsert && (
              <MemoryInsertButton
                translationId={translationId}
                unit={unit}
                target={match.target}
                describedBy={`${idPrefix}-${index}`}
              />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
