/**
 * Dashboard panel « Fiches à vérifier »: published fiches due within 14 days or overdue, most
 * overdue first — every fiche for editors (filter by theme and by département, a plain GET form
 * so the filters live in the address), their structure's for contributors. Each row links to
 * the fiche, where « Vérifiée, rien n'a changé » is. Keyboard and screen readers: a native form
 * with labelled selects, a table with a caption and column headers.
 */
import type { Payload } from 'payload';
import type React from 'react';

import { departements, type ReviewState } from '@passerelle/content-schemas';

import { hasRole, type UserWithRoles } from '../access/roles';
import { reviewDue } from '../review/dashboard';

type Props = { payload: Payload; user?: UserWithRoles; searchParams?: Record<string, string | string[] | undefined> };

const stateLabels: Record<ReviewState, string> = {
  ok: 'À jour',
  dueSoon: 'À vérifier bientôt',
  overdue: 'En retard',
  followUp: 'En retard de plus de 14 jours',
};

const day = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date(iso)) : '—';
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
const cell: React.CSSProperties = {
  padding: '0.25rem 0.75rem',
  textAlign: 'start',
  borderBlockEnd: '1px solid var(--theme-elevation-150)',
};

export async function ReviewDashboard({ payload, user, searchParams = {} }: Props): Promise<React.ReactElement | null> {
  if (!user) return null;
  const isEditor = hasRole(user, 'admin', 'editor');
  const theme = isEditor ? one(searchParams.reviewTheme) : undefined;
  const departement = isEditor ? one(searchParams.reviewDepartement) : undefined;
  const list = await reviewDue(payload, user, { theme, departement });
  if (!list) return null;
  const themes = isEditor
    ? (
        await payload.find({
          collection: 'themes',
          locale: 'fr',
          depth: 0,
          limit: 100,
          pagination: false,
          overrideAccess: true,
          select: { name: true },
        })
      ).docs
    : [];

  return (
    <section aria-labelledby="review-due" style={{ marginBlockEnd: '2rem' }}>
      <h2 id="review-due">{isEditor ? 'Fiches à vérifier' : 'Fiches de votre structure à vérifier'}</h2>
      {isEditor && (
        <form method="get" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'end', marginBlockEnd: '1rem' }}>
          <label>
            Thème
            <br />
            <select name="reviewTheme" defaultValue={theme ?? ''}>
              <option value="">Tous les thèmes</option>
              {themes.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Département
            <br />
            <select name="reviewDepartement" defaultValue={departement ?? ''}>
              <option value="">Tous les départements</option>
              {departements.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.code} — {entry.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }}>
            Filtrer
          </button>
        </form>
      )}
      {list.rows.length === 0 ? (
        <p>Aucune fiche à vérifier dans les 14 prochains jours.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse' }}>
          <caption style={{ textAlign: 'start' }}>
            {list.total} fiche{list.total > 1 ? 's' : ''} à vérifier, les plus en retard d’abord
            {list.total > list.rows.length ? ` (${list.rows.length} premières)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col" style={cell}>
                Fiche
              </th>
              <th scope="col" style={cell}>
                À vérifier le
              </th>
              <th scope="col" style={cell}>
                État
              </th>
              <th scope="col" style={cell}>
                Dernière vérification
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id}>
                <td style={cell}>
                  <a href={`/admin/collections/fiches/${row.id}`}>{row.title}</a>
                </td>
                <td style={cell}>{day(row.nextReviewAt)}</td>
                <td style={cell}>{stateLabels[row.state]}</td>
                <td style={cell}>{day(row.lastCheckedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
