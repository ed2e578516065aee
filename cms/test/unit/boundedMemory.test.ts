import { describe, expect, it } from 'vitest';

import { collectWhenGrown } from '../../src/import/boundedMemory';

const mb = 1024 * 1024;

describe('collectWhenGrown', () => {
  it('collects only once the heap in use grew by the step since the last collection, then measures again', () => {
    let used = 600 * mb;
    const collected: number[] = [];
    const memory = collectWhenGrown({
      stepMb: 100,
      heapUsed: () => used,
      collect: () => {
        collected.push(used);
        used -= 30 * mb; // what a collection frees
      },
    });
    for (const size of [650, 699]) {
      used = size * mb;
      memory.afterFiche();
    }
    expect(collected).toEqual([]);
    used = 700 * mb;
    memory.afterFiche();
    expect(collected).toEqual([700 * mb]);
    // The next step counts from the size after the collection (670 MB), not from the start.
    used = 769 * mb;
    memory.afterFiche();
    expect(memory.collections()).toBe(1);
    used = 770 * mb;
    memory.afterFiche();
    expect(memory.collections()).toBe(2);
  });

  it('does nothing without a collector (node started without --expose-gc)', () => {
    let used = 600 * mb;
    const memory = collectWhenGrown({ stepMb: 100, heapUsed: () => used, collect: undefined });
    used = 5_000 * mb;
    expect(() => memory.afterFiche()).not.toThrow();
    expect(memory.collections()).toBe(0);
  });
});
