/**
 * Every SQL statement Drizzle sends to SQLite, passed to whoever listens: the query-plan guards
 * in the tests and the bench's per-request query count. Nobody listens in normal runs, and then
 * the cost is one empty loop per query.
 */
export type QueryListener = (sql: string, params: unknown[]) => void;

const listeners = new Set<QueryListener>();

/** Handed to the SQLite adapter as Drizzle's logger. */
export const queryLogger = {
  logQuery(sql: string, params: unknown[]): void {
    for (const listener of listeners) listener(sql, params);
  },
};

/** Starts collecting statements; call the returned function to stop and get them. */
export function recordQueries(): () => { sql: string; params: unknown[] }[] {
  const queries: { sql: string; params: unknown[] }[] = [];
  const listener: QueryListener = (sql, params) => queries.push({ sql, params });
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    return queries;
  };
}

/** Recorded statements counted by verb and table (`select fiches`, `update translations`…), for the profiles. */
export function countByTable(statements: readonly { sql: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { sql } of statements) {
    const verb = sql.trim().split(/\s+/)[0]?.toLowerCase() ?? '?';
    const table = /(?:from|into|update)\s+"?(\w+)"?/i.exec(sql)?.[1] ?? '?';
    counts.set(`${verb} ${table}`, (counts.get(`${verb} ${table}`) ?? 0) + 1);
  }
  return counts;
}
