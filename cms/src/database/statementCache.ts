/**
 * Bounds the native memory of SQLite processes (the CMS, imports, the bench's insert).
 *
 * @libsql/client (0.14) prepares a new statement for every query it runs, and the `libsql`
 * binding (0.4.7) never releases a prepared statement's native memory — not even when its
 * JavaScript wrapper is garbage-collected (measured: 2,000 prepares of one statement with ten
 * subqueries keep +45 MB after a full GC; the JS heap stays flat). Payload's reads are large
 * statements, so a process grew by about 13 MB per imported fiche until it ran out of memory.
 *
 * Reusing one prepared statement per SQL text and connection makes that memory proportional to
 * the number of distinct statements, which is small: Drizzle binds values as parameters.
 * Reuse is safe here: each statement runs to completion synchronously before the next call,
 * and the client sets `raw`/`safeIntegers` before every run. Past `limit` distinct statements
 * on one connection (a query with values written into its text), new ones are prepared as before.
 * Details and figures: docs/scale.md.
 */
import Database from 'libsql';

type Prepare = (this: object, sql: string, ...rest: unknown[]) => unknown;

// Distinct texts measured on the bench's insert (`preparedStatements`): 1,092 after Payload's start
// and the seed, 1,324 after 389 imported fiches, growing by a few per hundred fiches (Payload's
// multi-row INSERTs differ by row count and by which relation each row holds).
const limit = 2_000;
const patched = Symbol.for('passerelle.statementCache');
const prototype = Database.prototype as unknown as { prepare: Prepare; [patched]?: boolean };

/** Statements prepared since the start: kept for reuse, and prepared past the cap (each one native memory kept for ever). */
export const preparedStatements = { cached: 0, uncached: 0 };

if (!prototype[patched]) {
  const prepare = prototype.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  prototype.prepare = function cachedPrepare(sql, ...rest) {
    // Extra arguments are the binding's internal calls (pragma): leave those alone.
    if (typeof sql !== 'string' || rest.length > 0) return prepare.call(this, sql, ...rest);
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    const cached = cache.get(sql);
    if (cached) return cached;
    const statement = prepare.call(this, sql);
    if (cache.size < limit) {
      cache.set(sql, statement);
      preparedStatements.cached += 1;
    } else preparedStatements.uncached += 1;
    return statement;
  };
  prototype[patched] = true;
}
