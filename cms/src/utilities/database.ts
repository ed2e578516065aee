import path from 'node:path';

/**
 * Which database the CMS runs on, read from `DATABASE_URI`:
 * unset or `file:…` → embedded SQLite (libSQL), `mongodb://` / `mongodb+srv://` → MongoDB.
 * Kept free of adapter imports so it can be checked before anything heavy loads.
 */
export type DatabaseTarget = { kind: 'sqlite'; url: string; file: string } | { kind: 'mongodb'; url: string };

export class DatabaseUriError extends Error {
  override name = 'DatabaseUriError';
}

export const defaultSqliteFile = 'data/passerelle.db';

export function resolveDatabaseTarget(uri: string | undefined, cmsRoot: string): DatabaseTarget {
  const value = uri?.trim();
  if (!value) {
    return sqlite(path.join(cmsRoot, defaultSqliteFile));
  }
  if (value.startsWith('file:')) {
    const filePath = value.slice('file:'.length);
    if (!filePath) {
      throw new DatabaseUriError('DATABASE_URI "file:" names no file; write e.g. file:./data/passerelle.db');
    }
    // Relative paths are resolved from cms/, whatever directory the command runs in.
    return sqlite(path.resolve(cmsRoot, filePath));
  }
  if (/^mongodb(\+srv)?:\/\/[^/\s]+/.test(value)) {
    return { kind: 'mongodb', url: value };
  }
  const scheme = value.includes(':') ? value.slice(0, value.indexOf(':') + 1) : value;
  throw new DatabaseUriError(
    `DATABASE_URI "${redact(value)}" is not supported (scheme "${scheme}"): use file:<path> for SQLite or mongodb://host/db for MongoDB`,
  );
}

function sqlite(file: string): DatabaseTarget {
  return { kind: 'sqlite', url: `file:${file}`, file };
}

/** Never print a password that was in the URI. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
