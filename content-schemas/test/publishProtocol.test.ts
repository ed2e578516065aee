import { describe, expect, it } from 'vitest';

import { formatPublishResult, parsePublishResult, type PublishResult } from '../src/publishProtocol';

describe('the publish protocol', () => {
  const succeeded: PublishResult = {
    status: 'succeeded',
    deployId: '20261202-134500-000-abcd',
    publishedFiches: 5,
    pages: { total: 40, fiches: { fr: 5 }, shortLinks: 5 },
    redirects: 2,
    kind: 'incremental',
    why: '1 fiche(s) modifiée(s)',
    timings: { build: 1200 },
  };

  it('reads back what it writes', () => {
    expect(parsePublishResult(formatPublishResult(succeeded))).toEqual(succeeded);
    const refused: PublishResult = { status: 'refused', stage: 'verify', reason: 'Publication refusée.' };
    expect(parsePublishResult(formatPublishResult(refused))).toEqual(refused);
  });

  it('takes a failure that names only its reason (a PUBLISH_COMMAND of one’s own)', () => {
    expect(parsePublishResult('PUBLISH_RESULT {"status":"failed","reason":"Disque plein."}')).toEqual({
      status: 'failed',
      reason: 'Disque plein.',
    });
  });

  it.each([
    ['another line', 'building…'],
    ['broken JSON', 'PUBLISH_RESULT {"status":'],
    ['an unknown status', 'PUBLISH_RESULT {"status":"done"}'],
    ['a success without its deploy', 'PUBLISH_RESULT {"status":"succeeded","pages":{}}'],
  ])('ignores %s', (_name, line) => {
    expect(parsePublishResult(line)).toBeUndefined();
  });
});
