/**
 * Reads SQLite's EXPLAIN QUERY PLAN for the statements one request ran and names the steps
 * whose cost grows with the corpus: a full scan of a table (or of one of its indexes), and a
 * page picked by sorting every matching row (a top-level temporary B-tree for ORDER BY under a
 * LIMIT — SQLite then computes each row's arrays and locales before it keeps ten).
 *
 * Not reported, because their cost does not grow with the corpus:
 * - a scan of a subquery's own rows (CO-ROUTINE / MATERIALIZE, already narrowed by an index)
 *   and the sort of one document's array items;
 * - tables that stay small whatever the number of fiches (`smallTables`);
 * - a walk along an index in the page's order under a LIMIT (it stops after the page);
 * - `select count(*)` of a whole table, which Payload runs for the pager, and the dashboards'
 *   one aggregate (`… from t group by c`): each visits a narrow covering index once, a few bytes
 *   per row, and no query can count or sum rows without seeing them.
 */
export type PlanRow = { id: number; parent: number; detail: string };

export type PlanProblem = { step: string; reason: string };

/** Tables that grow with users or with the taxonomy, not with the fiches and their translations. */
export const smallTables: ReadonlySet<string> = new Set([
  'users',
  'users_roles',
  'users_languages',
  'users_sessions',
  'themes',
  'themes_locales',
  'needs',
  'needs_locales',
  'payload_locked_documents',
  'payload_locked_documents_rels',
  'payload_preferences',
  'payload_preferences_rels',
  'payload_migrations',
  'payload_kv',
]);

const tableOf = (detail: string) => /^(?:SCAN|SEARCH) (\S+)/.exec(detail)?.[1];

export function planProblems(sql: string, rows: readonly PlanRow[]): PlanProblem[] {
  const subqueries = new Set<string>();
  for (const row of rows) {
    const named = /^(?:CO-ROUTINE|MATERIALIZE) (.+)$/.exec(row.detail);
    if (named?.[1]) subqueries.add(named[1].trim());
  }
  const statement = sql.trim();
  const hasLimit = /\blimit\s+(\?|\d+)(\s+offset\s+(\?|\d+))?$/i.test(statement);
  const topLevel = rows.filter((row) => row.parent === 0);
  const sortsAll = topLevel.some((row) => row.detail === 'USE TEMP B-TREE FOR ORDER BY');
  const column = '(?:"[^"]+"|(?:sum|count)\\("[^"]+"\\))';
  const aggregate = new RegExp(`^select ${column}(?:, ${column})* from "[^"]+" group by "[^"]+"$`, 'i');
  const wholeTableCount = /^select count\(\*\) from "[^"]+"$/i.test(statement) || aggregate.test(statement);
  const problems: PlanProblem[] = [];
  for (const row of rows) {
    const scan = /^SCAN (\S+)(?: USING (COVERING )?INDEX (\S+))?/.exec(row.detail);
    if (!scan?.[1] || subqueries.has(scan[1]) || smallTables.has(scan[1])) continue;
    const index = scan[3];
    const orderedWalk = Boolean(index) && row.parent === 0 && hasLimit && !sortsAll;
    const counted = wholeTableCount && Boolean(scan[2]);
    if (orderedWalk || counted) continue;
    problems.push({ step: row.detail, reason: index ? `reads all of index ${index}` : `reads all of ${scan[1]}` });
  }
  const mainTables = topLevel.map((row) => tableOf(row.detail)).filter((name): name is string => Boolean(name));
  const onSmallTables = mainTables.length > 0 && mainTables.every((name) => smallTables.has(name));
  if (sortsAll && hasLimit && !onSmallTables) {
    problems.push({ step: 'USE TEMP B-TREE FOR ORDER BY', reason: 'sorts every matching row to keep one page' });
  }
  return problems;
}

type Executor = { execute: (statement: { sql: string; args: unknown[] }) => Promise<{ rows: unknown[] }> };

/** EXPLAIN QUERY PLAN of one statement, on the libSQL client Payload uses. */
export async function explain(client: Executor, sql: string, params: readonly unknown[]): Promise<PlanRow[]> {
  const { rows } = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params.map(bindable) });
  return rows.map((row) => {
    const { id, parent, detail } = row as { id: unknown; parent: unknown; detail: unknown };
    return { id: Number(id), parent: Number(parent), detail: String(detail) };
  });
}

// Drizzle hands its logger the values it bound; booleans reach SQLite as integers.
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}
