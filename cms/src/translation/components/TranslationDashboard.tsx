/**
 * Dashboard panel, by role: a translator's work list in their languages (with progress), an
 * expert's review queue, and for editors the coverage per language and the fiches partners
 * submitted for review. Plain links and tables: keyboard and screen-reader friendly as is.
 */
import type { Payload } from 'payload';
import type React from 'react';

import { languageName, translationLocales, type Locale } from '@passerelle/content-schemas';

import { hasRole, languagesOf, type UserWithRoles } from '../../access/roles';
import { coverage, reviewQueue, workList, type DashboardList, type DashboardRow } from '../dashboard';
import { translationStateField, type TranslationState } from '../translationState';

type Props = { payload: Payload; user?: UserWithRoles };

type Row = DashboardRow;

const percent = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 100));

export async function TranslationDashboard({ payload, user }: Props): Promise<React.ReactElement | null> {
  if (!user) return null;
  const isEditor = hasRole(user, 'admin', 'editor');
  const isTranslator = hasRole(user, 'translator', 'expertTranslator');
  if (!isEditor && !isTranslator) return null;

  const languages = isEditor ? [...translationLocales] : languagesOf(user);
  // Figures kept by hooks (translation/progress.ts): a few indexed rows and one sum per language.
  const [review, work, figures] = await Promise.all([
    hasRole(user, 'expertTranslator') ? reviewQueue(payload, languages) : undefined,
    isTranslator ? workList(payload, languages) : undefined,
    isEditor ? coverage(payload) : undefined,
  ]);
  const link = (row: Row) => <a href={`/admin/collections/translations/${row.id}`}>{row.fiche}</a>;

  return (
    <div style={{ marginBlockEnd: '2rem' }}>
      {isTranslator && (
        <section aria-labelledby="my-translations">
          <h2 id="my-translations">Mes traductions ({languages.map(languageName).join(', ')})</h2>
          {hasRole(user, 'expertTranslator') && (
            <>
              <h3>À relire</h3>
              <WorkList list={review} link={link} empty="Aucune traduction n’attend de relecture." />
            </>
          )}
          <h3>À traduire ou à mettre à jour</h3>
          <WorkList list={work} link={link} empty="Tout est traduit et à jour." />
        </section>
      )}
      {isEditor && (
        <section aria-labelledby="coverage">
          <h2 id="coverage">Couverture des traductions</h2>
          <table style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  Langue
                </th>
                <th scope="col" style={cell}>
                  Validé
                </th>
                <th scope="col" style={cell}>
                  Obsolètes
                </th>
                <th scope="col" style={cell}>
                  À relire
                </th>
                <th scope="col" style={cell}>
                  Mots à traduire
                </th>
              </tr>
            </thead>
            <tbody>
              {languages.map((language) => {
                const sums = figures?.[language] ?? { total: 0, validated: 0, outdated: 0, toReview: 0, wordsToTranslate: 0 };
                return (
                  <tr key={language}>
                    <th scope="row" style={cell} lang={language}>
                      {languageName(language as Locale)}
                    </th>
                    <td style={cell}>
                      <a href={translationsIn(language, 'validated')}>{percent(sums.validated, sums.total)} %</a>
                    </td>
                    <td style={cell}>
                      <a href={fichesIn(language, 'outdated')}>{sums.outdated}</a>
                    </td>
                    <td style={cell}>
                      <a href={fichesIn(language, 'toReview')}>{sums.toReview}</a>
                    </td>
                    {/* New and outdated units, counted on the French source. */}
                    <td style={cell}>{sums.wordsToTranslate.toLocaleString('fr-FR')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <WordCountsExport />
          <p>
            <a href="/admin/collections/fiches?where[reviewRequested][equals]=true">
              Fiches soumises pour relecture par les structures
            </a>
          </p>
        </section>
      )}
    </div>
  );
}

/**
 * Words proposed and validated per translator over a period, as CSV (to pay translators): a
 * plain GET form, two labelled date inputs and a submit button; the browser downloads the file.
 */
function WordCountsExport() {
  const today = new Date();
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString().slice(0, 10);
  return (
    <form method="get" action="/api/translations/word-counts" aria-labelledby="word-counts-title" style={{ marginBlock: '1rem' }}>
      <h3 id="word-counts-title">Mots traduits par traducteur (CSV)</h3>
      <label htmlFor="word-counts-from">Du </label>
      <input id="word-counts-from" name="from" type="date" required defaultValue={first} />{' '}
      <label htmlFor="word-counts-to">au </label>
      <input id="word-counts-to" name="to" type="date" required defaultValue={today.toISOString().slice(0, 10)} />{' '}
      <button type="submit" className="btn btn--style-secondary btn--size-small">
        Exporter
      </button>
    </form>
  );
}

/** The translations list, filtered to one language and state: where a coverage figure leads. */
function translationsIn(language: string, status: string): string {
  return `/admin/collections/translations?where[language][equals]=${language}&where[status][equals]=${status}`;
}

/**
 * The fiche list filtered to the fiches whose translation into `language` is in `state`
 * (translation/translationState.ts): exactly the fiches a figure counts units of.
 */
function fichesIn(language: string, state: TranslationState): string {
  return `/admin/collections/fiches?where[${translationStateField}][equals]=${language}-${state}`;
}

function WorkList({
  list,
  link,
  empty,
}: {
  list: DashboardList | undefined;
  link: (row: Row) => React.ReactNode;
  empty: string;
}) {
  const rows = list?.rows ?? [];
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table style={{ borderCollapse: 'collapse' }}>
      {list && list.total > rows.length && (
        <caption style={{ textAlign: 'start' }}>
          {rows.length} sur {list.total} : <a href="/admin/collections/translations">toutes les traductions</a>
        </caption>
      )}
      <thead>
        <tr>
          <th scope="col" style={cell}>
            Fiche
          </th>
          <th scope="col" style={cell}>
            Langue
          </th>
          <th scope="col" style={cell}>
            Progression
          </th>
          <th scope="col" style={cell}>
            Obsolètes
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td style={cell}>{link(row)}</td>
            <td style={cell}>{row.language}</td>
            <td style={cell}>
              <progress
                max={row.progress.total}
                value={row.progress.validated}
                aria-label={`${row.progress.validated} sur ${row.progress.total} validés`}
              />{' '}
              {percent(row.progress.validated, row.progress.total)} %
            </td>
            <td style={cell}>{row.progress.outdated}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const cell: React.CSSProperties = {
  borderBlockEnd: '1px solid var(--theme-elevation-150)',
  padding: '0.4rem 0.75rem',
  textAlign: 'start',
};
