/**
 * Dashboard panel, by role: a translator's work list in their languages (with progress), an
 * expert's review queue, and for editors the coverage per language and the fiches partners
 * submitted for review. Plain links and tables: keyboard and screen-reader friendly as is.
 */
import type { Payload } from 'payload';
import type React from 'react';

import { locales, type Locale, type UnitKey } from '@passerelle/content-schemas';

import { hasRole, languagesOf, type UserWithRoles } from '../access/roles';
import { recordsOf } from '../translation/records';
import { unitStates, type UnitState } from '../translation/unitStates';
import { translatableContentOf, unitsOf, type Unit } from '../translation/units';

type Props = { payload: Payload; user?: UserWithRoles };

type Row = { id: string; fiche: string; language: string; status: string; counts: Record<UnitState, number>; total: number };

const languageLabel = (code: string) => locales.find((locale) => locale.code === code)?.label ?? code;

async function loadRows(payload: Payload, languages: readonly string[]): Promise<Row[]> {
  const [fiches, translations] = await Promise.all([
    payload.find({ collection: 'fiches', locale: 'fr', draft: true, depth: 0, pagination: false, overrideAccess: true }),
    payload.find({
      collection: 'translations',
      where: { language: { in: languages } },
      depth: 0,
      pagination: false,
      overrideAccess: true,
    }),
  ]);
  const french = new Map<string, { title: string; units: Map<UnitKey, Unit> }>(
    fiches.docs.map((fiche) => [fiche.id, { title: fiche.title ?? '(sans titre)', units: unitsOf(translatableContentOf(fiche)) }]),
  );
  return translations.docs.flatMap((translation) => {
    const ficheId = typeof translation.fiche === 'object' ? translation.fiche.id : translation.fiche;
    const source = french.get(ficheId);
    if (!source) return [];
    const states = unitStates({
      french: source.units,
      translation: unitsOf(translatableContentOf(translation)),
      records: recordsOf(translation.units),
      status: translation.status,
    });
    const counts: Record<UnitState, number> = { missing: 0, inProgress: 0, toReview: 0, validated: 0, outdated: 0 };
    for (const state of states.values()) counts[state] += 1;
    return [{ id: translation.id, fiche: source.title, language: translation.language, status: translation.status, counts, total: states.size }];
  });
}

const percent = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 100));

export async function TranslationDashboard({ payload, user }: Props): Promise<React.ReactElement | null> {
  if (!user) return null;
  const isEditor = hasRole(user, 'admin', 'editor');
  const isTranslator = hasRole(user, 'translator', 'expertTranslator');
  if (!isEditor && !isTranslator) return null;

  const languages = isEditor ? locales.map((locale) => locale.code).filter((code) => code !== 'fr') : languagesOf(user);
  const rows = await loadRows(payload, languages);
  const link = (row: Row) => <a href={`/admin/collections/translations/${row.id}`}>{row.fiche}</a>;

  return (
    <div style={{ marginBlockEnd: '2rem' }}>
      {isTranslator && (
        <section aria-labelledby="my-translations">
          <h2 id="my-translations">Mes traductions ({languages.map(languageLabel).join(', ')})</h2>
          {hasRole(user, 'expertTranslator') && (
            <>
              <h3>À relire</h3>
              <WorkList rows={rows.filter((row) => row.counts.toReview > 0)} link={link} empty="Aucune traduction n’attend de relecture." />
            </>
          )}
          <h3>À traduire ou à mettre à jour</h3>
          <WorkList
            rows={rows.filter((row) => row.counts.missing + row.counts.outdated + row.counts.inProgress > 0).sort((a, b) => b.counts.outdated - a.counts.outdated)}
            link={link}
            empty="Tout est traduit et à jour."
          />
        </section>
      )}
      {isEditor && (
        <section aria-labelledby="coverage">
          <h2 id="coverage">Couverture des traductions</h2>
          <table style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th scope="col" style={cell}>Langue</th>
                <th scope="col" style={cell}>Validé</th>
                <th scope="col" style={cell}>Obsolètes</th>
                <th scope="col" style={cell}>À relire</th>
              </tr>
            </thead>
            <tbody>
              {languages.map((language) => {
                const mine = rows.filter((row) => row.language === language);
                const total = mine.reduce((sum, row) => sum + row.total, 0);
                const sum = (state: UnitState) => mine.reduce((count, row) => count + row.counts[state], 0);
                return (
                  <tr key={language}>
                    <th scope="row" style={cell} lang={language}>{languageLabel(language as Locale)}</th>
                    <td style={cell}>
                      <a href={translationsIn(language, 'validated')}>{percent(sum('validated'), total)} %</a>
                    </td>
                    <td style={cell}>
                      {/* An outdated translation is back « En cours » until validated again. */}
                      <a href={translationsIn(language, 'inProgress')}>{sum('outdated')}</a>
                    </td>
                    <td style={cell}>
                      <a href={translationsIn(language, 'toReview')}>{sum('toReview')}</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>
            <a href="/admin/collections/fiches?where[reviewRequested][equals]=true">Fiches soumises pour relecture par les structures</a>
          </p>
        </section>
      )}
    </div>
  );
}

/** The translations list, filtered to one language and state: where a coverage figure leads. */
function translationsIn(language: string, status: string): string {
  return `/admin/collections/translations?where[language][equals]=${language}&where[status][equals]=${status}`;
}

function WorkList({ rows, link, empty }: { rows: Row[]; link: (row: Row) => React.ReactNode; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table style={{ borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th scope="col" style={cell}>Fiche</th>
          <th scope="col" style={cell}>Langue</th>
          <th scope="col" style={cell}>Progression</th>
          <th scope="col" style={cell}>Obsolètes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td style={cell}>{link(row)}</td>
            <td style={cell}>{row.language}</td>
            <td style={cell}>
              <progress max={row.total} value={row.counts.validated} aria-label={`${row.counts.validated} sur ${row.total} validés`} />{' '}
              {percent(row.counts.validated, row.total)} %
            </td>
            <td style={cell}>{row.counts.outdated}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const cell: React.CSSProperties = { borderBlockEnd: '1px solid var(--theme-elevation-150)', padding: '0.4rem 0.75rem', textAlign: 'start' };
