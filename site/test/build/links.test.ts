/** No broken internal link or asset anywhere in the fixture build. */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { allPages } from '../helpers/dist';
import { testDistDir, testSiteUrl } from '../helpers/paths';

/** The file a static host serves for an internal URL path, or undefined. */
function servedFile(urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '');
  const candidates = clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
  return candidates.map((candidate) => path.join(testDistDir, candidate)).find((file) => existsSync(file));
}

describe('internal links', () => {
  it('all resolve to a built file, anchors included', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const built of allPages()) {
      const ids = new Set(built.document.querySelectorAll('[id]').map((element) => element.id));
      const references = [
        ...built.document.querySelectorAll('a[href]').map((element) => element.getAttribute('href') ?? ''),
        ...built.document.querySelectorAll('link[href]').map((element) => element.getAttribute('href') ?? ''),
        ...built.document.querySelectorAll('img[src], script[src]').map((element) => element.getAttribute('src') ?? ''),
        ...built.document
          .querySelectorAll('source[srcset], img[srcset]')
          .flatMap((element) =>
            (element.getAttribute('srcset') ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''),
          ),
      ];
      for (const reference of references) {
        const internal = reference.startsWith(testSiteUrl) ? reference.slice(testSiteUrl.length) : reference;
        if (internal.startsWith('#')) {
          if (!ids.has(internal.slice(1))) broken.push(`${built.urlPath} → ${reference}`);
          continue;
        }
        if (!internal.startsWith('/')) continue;
        checked += 1;
        if (!servedFile(internal)) broken.push(`${built.urlPath} → ${reference}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect([...new Set(broken)].slice(0, 30)).toEqual([]);
  });
});
