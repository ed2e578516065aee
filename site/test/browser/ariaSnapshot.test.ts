/**
 * What a screen reader gets from a fiche: Chromium's accessibility tree (roles, names, states,
 * reading order) of the whole page, in French and in Arabic, kept as reviewed snapshot files in
 * test/__snapshots__/aria/. A change to a heading, a landmark, a link's name or the order things
 * are read in fails here and shows up in review; after checking the new tree is right, update
 * with `npx vitest run test/browser/ariaSnapshot.test.ts -u`.
 *
 * The fiche tools depend on the device (a voice for reading aloud, the share sheet): the test
 * removes speech synthesis and the share sheet so every machine builds the same tree.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { sitePaths } from '@passerelle/content-schemas';

import { fixtureFiche } from '../helpers/dist';
import { siteRoot } from '../helpers/paths';
import { useServedSite } from '../helpers/servedSite';

const served = useServedSite();

describe('accessibility tree of a fiche', () => {
  it.each(['fr', 'ar'] as const)(
    '%s: carte-vitale matches its reviewed snapshot',
    async (locale) => {
      const context = await served.browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(() => {
        delete (window as { speechSynthesis?: unknown }).speechSynthesis;
        delete (Navigator.prototype as { share?: unknown }).share;
      });
      const page = await context.newPage();
      try {
        await page.goto(`${served.origin}${sitePaths.fiche(locale, fixtureFiche('carte-vitale'))}`);
        // The tools the device can use are revealed by the fiche's scripts.
        await page.locator('[data-fiche-tools]').waitFor();
        const tree = await page.locator('body').ariaSnapshot();
        await expect(tree).toMatchFileSnapshot(path.join(siteRoot, 'test/__snapshots__/aria', `carte-vitale.${locale}.aria.yml`));
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});
