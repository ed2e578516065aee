import { describe, expect, it } from 'vitest';

import { startedAgainIfUnsettled, unsettledStartRetries, type Ended } from '../../src/publishing/unsettledStart';

/** A command whose runs end as `endings` says, one after the other; counts its runs. */
function command(endings: Ended[]) {
  let runs = 0;
  return {
    run: async () => endings[Math.min(runs++, endings.length - 1)] as Ended,
    runs: () => runs,
  };
}

const unsettled: Ended = { code: 13, ownOutput: false };

describe('a command Node 20 ended before it started', () => {
  it('is started again until it runs', async () => {
    const flaky = command([unsettled, unsettled, { code: 0, ownOutput: true }]);
    expect(await startedAgainIfUnsettled(flaky.run)).toEqual({ code: 0, ownOutput: true });
    expect(flaky.runs()).toBe(3);
  });

  it(`at most ${unsettledStartRetries} times more, then its ending is the caller's to report`, async () => {
    const stuck = command([unsettled]);
    expect(await startedAgainIfUnsettled(stuck.run)).toEqual(unsettled);
    expect(stuck.runs()).toBe(unsettledStartRetries + 1);
  });

  it('is never run twice once it printed something of its own, or for another exit code', async () => {
    for (const ending of [
      { code: 13, ownOutput: true },
      { code: 1, ownOutput: false },
    ]) {
      const once = command([ending, { code: 0, ownOutput: true }]);
      expect(await startedAgainIfUnsettled(once.run)).toEqual(ending);
      expect(once.runs()).toBe(1);
    }
  });

  it('as many times as its caller allows, each retry told to it', async () => {
    const flaky = command([unsettled, unsettled, { code: 0, ownOutput: true }]);
    const told: Ended[] = [];
    expect(await startedAgainIfUnsettled(flaky.run, { retries: 1, onStartedAgain: (ended) => told.push(ended) })).toEqual(
      unsettled,
    );
    expect(flaky.runs()).toBe(2);
    expect(told).toEqual([unsettled]);
    const once = command([unsettled, { code: 0, ownOutput: true }]);
    expect(await startedAgainIfUnsettled(once.run, { retries: 0 })).toEqual(unsettled);
    expect(once.runs()).toBe(1);
  });

  it('never once its caller stopped it, whatever code it then ended with', async () => {
    const stopped = command([
      { ...unsettled, stoppedByCaller: true },
      { code: 0, ownOutput: true },
    ]);
    expect(await startedAgainIfUnsettled(stopped.run)).toEqual({ ...unsettled, stoppedByCaller: true });
    expect(stopped.runs()).toBe(1);
  });
});
