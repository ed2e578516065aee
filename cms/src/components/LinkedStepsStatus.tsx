/**
 * Under the « avant / après » links of a démarche: names each linked fiche that is not online
 * (a draft, never published, or deleted), since the site drops such a link silently. A note
 * with links to the fiches, no other control; `role="note"` so screen readers announce it.
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

const idsOf = (values: unknown): string[] =>
  Array.isArray(values)
    ? values
        .map((value) => (value && typeof value === 'object' ? String((value as { id: unknown }).id) : String(value)))
        .filter(Boolean)
    : [];

export async function LinkedStepsStatus({ data, payload }: UIFieldServerProps): Promise<React.ReactElement | null> {
  const linked = [...new Set([...idsOf(data?.stepsBefore), ...idsOf(data?.stepsAfter)])];
  if (linked.length === 0) return null;
  const { docs } = await payload.find({
    collection: 'fiches',
    where: { id: { in: linked } },
    select: { title: true, _status: true },
    locale: 'fr',
    depth: 0,
    draft: true,
    pagination: false,
    overrideAccess: true,
  });
  const found = new Map(docs.map((doc) => [String(doc.id), doc]));
  // The main document holds the published version when there is one: `_status` says whether it is online.
  const { docs: live } = await payload.find({
    collection: 'fiches',
    where: { and: [{ id: { in: linked } }, { _status: { equals: 'published' } }] },
    select: { _status: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  });
  const online = new Set(live.map((doc) => String(doc.id)));
  const broken = linked.filter((id) => !online.has(id));
  if (broken.length === 0) return null;
  return (
    <div
      role="note"
      className="passerelle-linked-steps-status"
      style={{
        padding: '0.75rem 1rem',
        marginBlock: '1rem',
        borderInlineStart: '4px solid #b34000',
        background: 'var(--theme-elevation-50)',
      }}
    >
      <p style={{ margin: 0, fontWeight: 600 }}>Lien(s) vers des démarches qui ne sont pas en ligne</p>
      <p style={{ margin: '0.25rem 0' }}>Le site n’affiche pas ces liens tant que la démarche liée n’est pas publiée :</p>
      <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {broken.map((id) => {
          const doc = found.get(id);
          return (
            <li key={id}>
              {doc ? (
                <a href={`/admin/collections/fiches/${id}`}>{String(doc.title ?? '(sans titre)')}</a>
              ) : (
                <span>Fiche supprimée ({id}) : retirez ce lien.</span>
              )}{' '}
              {doc ? '— non publiée' : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
