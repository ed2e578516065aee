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
