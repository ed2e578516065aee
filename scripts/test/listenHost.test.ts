import { describe, expect, it } from 'vitest';

import { listenHost } from '../src/listenHost';

describe('listenHost (npm start)', () => {
  it('listens on this machine only by default', () => {
    expect(listenHost([], {})).toBe('127.0.0.1');
  });

  it.each([
    [['--host', '0.0.0.0'], {}, '0.0.0.0'],
    [['--host=192.168.1.20'], {}, '192.168.1.20'],
    [[], { LISTEN_HOST: '0.0.0.0' }, '0.0.0.0'],
    [['--host', '::'], { LISTEN_HOST: '0.0.0.0' }, '::'],
  ])('is widened by %j %j', (argv, env, expected) => {
    expect(listenHost(argv, env)).toBe(expected);
  });
});
