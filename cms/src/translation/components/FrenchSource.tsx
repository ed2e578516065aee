/**
 * Side-by-side view at the top of a translation: for each unit, the French source, what changed
 * in it since the translation was validated (a word diff), and the translation's state.
 * Under each unit left to translate, up to 3 translation-memory matches (MemoryMatches), each
 * with one button to insert it as a proposal; otherwise read-only, the fields follow below.
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

import { directionOf, isLocale, itemListKeys, textUnitKeys } from '@passerelle/content-schemas';

import { isExpertOfLanguage } from '../../access/isExpertOfLanguage';
import { hasRole, languagesOf, type UserWithRoles } from '../../access/roles';
import { MachineDraftBar, MachineUnitTools } from '../machine/components/MachineMarks';
import { machineOfferFor } from '../machine/offer';
import { memoryMatches } from '../memory/lookup';
import { piecesOf } from '../memory/segments';
import { recordsOf } from '../records';
import { unitLabel } from '../unitLabel';
import { unitStates, unitStatesToTranslate, type UnitState } from '../unitStates';
import { translatableContentOf, unitsOf } from '../units';
import { wordDiff } from '../wordDiff';
import { DiffText } from './DiffText';
import { MemoryMatches } from './MemoryMatches';

const stateLabels: Record<UnitState, string> = {
  missing: 'À traduire',
  inProgress: 'En cours',
  toReview: 'À relire',
  validated: 'Validée',
  outdated: 'Le français a changé',
};

const stateColours: Record<UnitState, string> = {
  missing: '#6a6a6a',
  inProgress: '#695240',
  toReview: '#716043',
  validated: '#18753c',
  outdated: '#b34000',
};

export async function FrenchSource({ data, payload, req }: UIFieldServerProps): Promise<React.ReactElement | null> {
  const ficheId = typeof data?.fiche === 'object' ? data?.fiche?.id : data?.fiche;
  const language = String(data?.language ?? '');
  if (!ficheId || !isLocale(language)) return null;
  const fiche = await payload.findByID({
    collection: 'fiches',
    id: ficheId,
    locale: 'fr',
    fallbackLocale: false,
    draft: true,
    depth: 0,
    overrideAccess: true,
  });
  // What is online in this language: the text validated last, against which a proposal is reviewed.
  const online = await payload.findByID({
    collection: 'fiches',
    id: ficheId,
    locale: language,
    fallbackLocale: false,
    depth: 0,
    overrideAccess: true,
  });
  const validatedText = unitsOf(translatableContentOf(online));
  const french = unitsOf(translatableContentOf(fiche));
  const translation = unitsOf(translatableContentOf(data ?? {}));
  const records = recordsOf(data?.units);
  const states = unitStates({ french, translation, records, status: data?.status });
  const orderedKeys = [...textUnitKeys, ...itemListKeys].flatMap((prefix) =>
    [...french.keys()].filter((key) => key === prefix || key.startsWith(`${prefix}.`)),
  );
  // Memory suggestions for what is left to translate: one indexed lookup per unit (memory/lookup.ts).
  const toTranslate = orderedKeys.filter((key) => {
    const state = states.get(key);
    return state !== undefined && unitStatesToTranslate.has(state);
  });
  const frenchContent = translatableContentOf(fiche);
  const matchesByUnit = new Map(
    await Promise.all(
      toTranslate.map(async (key) => {
        const pieces = piecesOf(frenchContent, key);
        const matches = pieces
          ? await memoryMatches(payload, { language, unit: pieces, excludeTranslation: String(data?.id ?? '') })
          : [];
        return [key, matches] as const;
      }),
    ),
  );
  const user = req.user as UserWithRoles | null | undefined;
  const canInsert = Boolean(
    data?.id &&
      user &&
      (hasRole(user, 'admin') || (hasRole(user, 'translator', 'expertTranslator') && languagesOf(user).includes(language))),
  );
  const done = orderedKeys.filter((key) => states.get(key) === 'validated').length;
  const offer = await machineOfferFor({
    payload,
    user,
    language,
    translationId: data?.id ? String(data.id) : undefined,
    missing: orderedKeys.filter((key) => states.get(key) === 'missing').length,
  });
  const confirmFor = data?.id && isExpertOfLanguage(user, language) ? String(data.id) : undefined;

  return (
    <section aria-labelledby="french-source-title" style={{ marginBlockEnd: '2rem' }}>
      <h2 id="french-source-title" style={{ fontSize: '1.2rem', marginBlockEnd: '0.25rem' }}>
        Texte source en français
      </h2>
      <p style={{ marginBlockStart: 0 }}>
        {done} élément(s) validé(s) sur {orderedKeys.length}. Les modifications du français depuis la dernière validation sont
        marquées : <ins style={{ background: '#b8fec9' }}>ajouté</ins>, <del style={{ background: '#ffe9e6' }}>supprimé</del>.
      </p>
      {offer && <MachineDraftBar offer={offer} />}
      <table className="passerelle-french-source" style={{ inlineSize: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th scope="col" style={cell}>
              Élément
            </th>
            <th scope="col" style={cell}>
              Français
            </th>
            <th scope="col" style={cell}>
              Traduction (modifications depuis la version validée marquées)
            </th>
          </tr>
        </thead>
        <tbody>
          {orderedKeys.map((key) => {
            const source = french.get(key);
            const record = records[key];
            const state = states.get(key) ?? 'missing';
            const changed =
              state === 'outdated' && record?.sourceText && source ? wordDiff(record.sourceText, source.text) : undefined;
            return (
              <tr key={key}>
                <th scope="row" style={{ ...cell, fontWeight: 600 }}>
                  <a href={`#${fieldIdOf(key)}`}>{unitLabel(key)}</a>
                  <br />
                  <span style={{ color: stateColours[state], fontWeight: 400 }}>{stateLabels[state]}</span>
                </th>
                <td style={{ ...cell, whiteSpace: 'pre-line' }} lang="fr">
                  {changed ? (
                    <DiffText parts={changed} />
                  ) : (
                    source && <TitledText text={source.text} sectioned={key.includes('.')} />
                  )}
                </td>
                <td style={{ ...cell, whiteSpace: 'pre-line' }} lang={language} dir={directionOf(language)}>
                  <ProposedText proposed={translation.get(key)?.text} validated={validatedText.get(key)?.text} />
                  {record?.origin === 'memory' && state !== 'validated' && (
                    <span style={{ ...badge, display: 'block' }} lang="fr" dir="ltr">
                      Issue de la mémoire de traduction, non modifiée
                    </span>
                  )}
                  {record?.origin === 'xliff' && state !== 'validated' && (
                    <span style={{ ...badge, display: 'block' }} lang="fr" dir="ltr">
                      Importée d’un fichier XLIFF (agence), non modifiée
                    </span>
                  )}
                  <MachineUnitTools
                    offer={offer}
                    confirmFor={confirmFor}
                    unit={key}
                    unitName={unitLabel(key)}
                    record={record}
                    state={state}
                    hasText={translation.has(key)}
                  />
                  <MemoryMatches
                    matches={matchesByUnit.get(key) ?? []}
                    unit={key}
                    language={language}
                    translationId={String(data?.id ?? '')}
                    canInsert={canInsert}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The id Payload gives the unit's input: `how.1` → `field-how__1__title`. */
function fieldIdOf(key: string): string {
  const [section, index] = key.split('.');
  return index === undefined ? `field-${key}` : `field-${section}__${index}__title`;
}

/** A section item's text is its title, then its body: shown apart, as the fields below are. */
function TitledText({ text, sectioned }: { text: string; sectioned: boolean }) {
  const cut = text.indexOf('\n');
  if (!sectioned || cut < 0) return <>{text}</>;
  return (
    <>
      <strong>{text.slice(0, cut)}</strong>
      <span style={{ display: 'block', marginBlockStart: '0.25rem' }}>{text.slice(cut + 1)}</span>
    </>
  );
}

/**
 * The translation of a unit; when it differs from the text validated before (a proposal under
 * review, or an edit), the changes are marked word by word, so the expert reviews only them.
 */
function ProposedText({ proposed, validated }: { proposed: string | undefined; validated: string | undefined }) {
  if (!proposed) return <>—</>;
  if (!validated || validated === proposed) return <>{proposed}</>;
  return (
    <span className="passerelle-proposal-diff">
      <DiffText parts={wordDiff(validated, proposed)} />
    </span>
  );
}

const badge: React.CSSProperties = { marginBlockStart: '0.25rem', fontSize: '0.85em', fontWeight: 600, color: '#695240' };

const cell: React.CSSProperties = {
  borderBlockEnd: '1px solid var(--theme-elevation-150)',
  padding: '0.5rem',
  textAlign: 'start',
  verticalAlign: 'top',
};
