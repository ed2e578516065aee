import { describe, expect, it } from 'vitest';

import { DatabaseUriError, resolveDatabaseTarget } from '../../src/utilities/database';

const cmsRoot = '/srv/passerelle/cms';

describe('resolveDatabaseTarget', () => {
  it.each([
    [
      undefined,
      { kind: 'sqlite', url: 'file:/srv/passerelle/cms/data/passerelle.db', file: '/srv/passerelle/cms/data/passerelle.db' },
    ],
    ['', { kind: 'sqlite', url: 'file:/srv/passerelle/cms/data/passerelle.db', file: '/srv/passerelle/cms/data/passerelle.db' }],
    [
      'file:./data/dev.db',
      { kind: 'sqlite', url: 'file:/srv/passerelle/cms/data/dev.db', file: '/srv/passerelle/cms/data/dev.db' },
    ],
    ['file:/tmp/x.db', { kind: 'sqlite', url: 'file:/tmp/x.db', file: '/tmp/x.db' }],
    ['mongodb://localhost:27017/passerelle', { kind: 'mongodb', url: 'mongodb://localhost:27017/passerelle' }],
    ['mongodb+srv://user:pw@cluster.example.net/p', { kind: 'mongodb', url: 'mongodb+srv://user:pw@cluster.example.net/p' }],
  ])('%j → %j', (uri, expected) => {
    expect(resolveDatabaseTarget(uri, cmsRoot)).toEqual(expected);
  });

  it.each(['postgres://localhost/passerelle', 'mysql://x', 'passerelle.db', 'file:', 'mongodb://'])(
    'rejects %j with a clear error',
    (uri) => {
      expect(() => resolveDatabaseTarget(uri, cmsRoot)).toThrow(DatabaseUriError);
    },
  );

  it('names the supported schemes and hides passwords in the message', () => {
    expect(() => resolveDatabaseTarget('postgres://admin:s3cret@db.example.net/p', cmsRoot)).toThrow(
      'DATABASE_URI "postgres://admin:***@db.example.net/p" is not supported (scheme "postgres:"): use file:<path> for SQLite or mongodb://host/db for MongoDB',
    );
  });
});
