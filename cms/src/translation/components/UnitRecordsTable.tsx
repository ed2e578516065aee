/**
 * « Suivi par élément » of a translation, as a table: for each unit, who proposed it and when,
 * who validated it and when, and whether the French changed since. Read-only, no controls; a
 * plain table with a caption and row headers, so screen readers announce each cell's unit.
 * Rendered on the server: nothing is loaded from outside (Payload's JSON editor came from a CDN).
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

import { recordsOf, type UnitRecord } from '../records';
import { unitLabel } from '../unitLabel';
import { formatFrenchDateTime } from '../../utilities/frenchDate';

export async function UnitRecordsTable({ data, payload }: UIFieldServerProps): Promise<React.ReactElement> {
  const records = Object.entries(recordsOf(data?.units)).filter((entry): entry is [string, UnitRecord] => Boolean(entry[1]));
  // Records keep user ids; people read names. Older records kept an e-mail address: shown as is.
  const ids = [
    ...new Set(
      records
        .flatMap(([, record]) => [record.proposedBy, record.validatedBy])
        .filter((who): who is string => Boolean(who && !who.includes('@'))),
    ),
  ];
  const { docs: users } = ids.length
    ? await payload.find({
        collection: 'users',
        where: { id: { in: ids } },
        depth: 0,
        limit: ids.length,
        overrideAccess: true,
        select: { name: true },
      })
    : { docs: [] };
  const names = new Map(users.map((user) => [String(user.id), user.name]));
  const person = (who: string | null | undefined) =>
    who ? (names.get(who) ?? (who.includes('@') ? who : 'compte supprimé')) : 'Passerelle (automatique)';
  const when = (at: string | null | undefined) => (at ? formatFrenchDateTime(at) : '—');

  return (
    <section className="passerelle-unit-records" aria-labelledby="unit-records-title" style={{ marginBlockEnd: '1.5rem' }}>
      <h3 id="unit-records-title" style={{ fontSize: '1rem', marginBlockEnd: '0.25rem' }}>
        Suivi par élément
      </h3>
      {records.length === 0 ? (
        <p style={{ marginBlockStart: 0 }}>Aucun élément proposé pour l’instant.</p>
      ) : (
        <table style={{ inlineSize: '100%', borderCollapse: 'collapse', fontSize: '0.85rem' }}>
          <caption style={{ textAlign: 'start', marginBlockEnd: '0.25rem' }}>
            Qui a proposé et validé chaque élément, et quand.
          </caption>
          <thead>
            <tr>
              <th scope="col" style={cell}>
                Élément
              </th>
              <th scope="col" style={cell}>
                Proposé
              </th>
              <th scope="col" style={cell}>
                Validé
              </th>
            </tr>
          </thead>
          <tbody>
            {records.map(([key, record]) => (
              <tr key={key}>
                <th scope="row" style={{ ...cell, fontWeight: 600 }}>
                  {unitLabel(key)}
                  {record.outdatedAt ? (
                    <>
                      <br />
                      <span style={{ color: '#b34000', fontWeight: 400 }}>Français modifié le {when(record.outdatedAt)}</span>
                    </>
                  ) : null}
                </th>
                <td style={cell}>
                  {record.proposedAt ? `${person(record.proposedBy)}, ${when(record.proposedAt)}` : '—'}
                  {record.origin === 'machine'
                    ? ` — traduction automatique${record.machineProvider ? ` (${record.machineProvider})` : ''}`
                    : ''}
                  {record.origin === 'memory' ? ' — mémoire de traduction' : ''}
                </td>
                <td style={cell}>{record.validatedAt ? `${person(record.validatedBy)}, ${when(record.validatedAt)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const cell: React.CSSProperties = {
  borderBlockEnd: '1px solid var(--theme-elevation-150)',
  padding: '0.35rem',
  textAlign: 'start',
  verticalAlign: 'top',
};
