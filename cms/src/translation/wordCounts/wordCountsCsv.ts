import type { Endpoint, Payload, PayloadRequest } from 'payload';

import { languageName } from '@passerelle/content-schemas';

import { isEditor } from '../../access/isEditor';

export type WorkEvent = {
  at: string;
  kind: 'proposed' | 'validated';
  translator: string;
  language: string;
  translation: string;
  unit: string;
  words: number;
};
export type TranslatorWords = { translator: string; language: string; proposed: number; validated: number };

/**
 * Words per translator and language over a period. A unit proposed several times by the same
 * person counts once (its latest French words); a validation counts for the translator whose
 * proposal was validated, once per validation of a new proposal.
 */
export function wordsPerTranslator(events: readonly WorkEvent[]): TranslatorWords[] {
  const proposed = new Map<string, WorkEvent>();
  const validated = new Map<string, WorkEvent>();
  for (const event of events) {
    const key = `${event.translator}|${event.language}|${event.translation}|${event.unit}`;
    (event.kind === 'proposed' ? proposed : validated).set(event.kind === 'proposed' ? key : `${key}|${event.at}`, event);
  }
  const totals = new Map<string, TranslatorWords>();
  const add = (event: WorkEvent, field: 'proposed' | 'validated') => {
    const key = `${event.translator}|${event.language}`;
    const row = totals.get(key) ?? { translator: event.translator, language: event.language, proposed: 0, validated: 0 };
    row[field] += event.words;
    totals.set(key, row);
  };
  for (const event of proposed.values()) add(event, 'proposed');
  for (const event of validated.values()) add(event, 'validated');
  return [...totals.values()].sort((a, b) => a.translator.localeCompare(b.translator) || a.language.localeCompare(b.language));
}

/** A CSV cell for spreadsheets: quoted, and never read as a formula. */
function cell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

const day = /^\d{4}-\d{2}-\d{2}$/;

export async function wordCountsCsv(payload: Payload, from: string, to: string, req?: PayloadRequest): Promise<string> {
  // `to` is included: the period ends at the start of the next day, UTC.
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const { docs } = await payload.find({
    collection: 'translation-work-log',
    where: { and: [{ at: { greater_than_equal: `${from}T00:00:00.000Z` } }, { at: { less_than: end.toISOString() } }] },
    sort: 'at',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  });
  const rows = wordsPerTranslator(docs as unknown as WorkEvent[]);
  const ids = [...new Set(rows.map((row) => row.translator))];
  const { docs: users } = ids.length
    ? await payload.find({
        collection: 'users',
        where: { id: { in: ids } },
        limit: ids.length,
        depth: 0,
        overrideAccess: true,
        select: { name: true, email: true },
        req,
      })
    : { docs: [] };
  const people = new Map(users.map((user) => [String(user.id), user]));
  const lines = [
    ['Traducteur', 'Adresse', 'Langue', 'Du', 'Au', 'Mots proposés', 'Mots validés'].map(cell).join(';'),
    ...rows.map((row) => {
      const person = people.get(row.translator);
      return [
        person?.name ?? 'compte supprimé',
        person?.email ?? '',
        `${languageName(row.language)} (${row.language})`,
        from,
        to,
        row.proposed,
        row.validated,
      ]
        .map(cell)
        .join(';');
    }),
  ];
  // The byte-order mark makes spreadsheets read the accents as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const refuse = (status: number, message: string) => Response.json({ message }, { status });

/**
 * GET /api/translations/word-counts?from=AAAA-MM-JJ&to=AAAA-MM-JJ: words proposed and validated
 * per translator and language over the period (both days included), as CSV. Editors and admins.
 */
export const wordCountsEndpoint: Endpoint = {
  path: '/word-counts',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!req.user) return refuse(401, 'Connectez-vous pour exporter les comptes de mots.');
    if (!(await isEditor({ req })))
      return refuse(403, 'Seuls les éditeurs et les administrateurs exportent les comptes de mots.');
    const from = String(req.searchParams.get('from') ?? '');
    const to = String(req.searchParams.get('to') ?? '');
    if (!day.test(from) || !day.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
      return refuse(400, 'Indiquez la période en dates AAAA-MM-JJ : « from » (début) et « to » (fin, incluse).');
    }
    if (from > to) return refuse(400, 'La date de début doit précéder la date de fin.');
    const csv = await wordCountsCsv(req.payload, from, to, req);
    return new Response(csv, {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="mots-traduits-${from}-${to}.csv"`,
      },
    });
  },
};
