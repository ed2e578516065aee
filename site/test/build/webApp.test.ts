/** The web app of the fixture build: a manifest per language, its icons, and every page linking to its language's. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { directionOf, localeCodes, sitePaths } from '@passerelle/content-schemas';

import { appleTouchIconSize, iconSizes, type WebAppManifest } from '../../src/integrations/webAppManifest';
import { translator } from '../../src/lib/i18n';
import { webAppPaths } from '../../src/lib/webApp';
import { allPages, urlLocale } from '../helpers/dist';
import { testDistDir } from '../helpers/paths';

const built = (urlPath: string) => path.join(testDistDir, urlPath);
const manifest = (locale: string) => JSON.parse(readFileSync(built(`/${locale}/manifest.webmanifest`), 'utf8')) as WebAppManifest;

describe('the web app', () => {
  it.each(localeCodes)('has a manifest in %s: its name, language, direction and home page', (locale) => {
    const found = manifest(locale);
    expect(found).toMatchObject({
      id: sitePaths.home(locale),
      name: translator(locale)('site.name'),
      description: translator(locale)('site.tagline'),
      lang: locale,
      dir: directionOf(locale),
      start_url: sitePaths.home(locale),
      scope: '/',
      display: 'standalone',
      theme_color: '#000091',
    });
    expect(found.icons.map((icon) => `${icon.purpose} ${icon.sizes}`).sort()).toEqual(
      ['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512'].sort(),
    );
  });

  it('has its icons at the sizes they say, the iOS one without transparency', async () => {
    for (const icon of manifest('ar').icons) {
      const metadata = await sharp(readFileSync(built(icon.src))).metadata();
      expect([icon.src, metadata.format, `${metadata.width}x${metadata.height}`]).toEqual([icon.src, 'png', icon.sizes]);
    }
    expect(iconSizes).toEqual([192, 512]);
    const apple = sharp(readFileSync(built(webAppPaths.appleTouchIcon)));
    const { width, height } = await apple.metadata();
    expect([width, height]).toEqual([appleTouchIconSize, appleTouchIconSize]);
    const { channels } = await apple.stats();
    // Opaque: no alpha channel, or one that is 255 everywhere.
    const alpha = channels[3];
    expect(alpha === undefined || alpha.min === 255).toBe(true);
  });

  it('is linked from every language page, to the manifest of that language, with the iOS icon and theme colour', () => {
    for (const page of allPages()) {
      const locale = urlLocale(page.urlPath);
      if (!locale || page.urlPath.startsWith('/embed/')) continue;
      const head = page.document.querySelector('head');
      expect([page.urlPath, head?.querySelector('link[rel=manifest]')?.getAttribute('href')]).toEqual([
        page.urlPath,
        webAppPaths.manifest(locale),
      ]);
      expect(head?.querySelector('link[rel=apple-touch-icon]')?.getAttribute('href')).toBe(webAppPaths.appleTouchIcon);
      expect(head?.querySelector('meta[name=theme-color]')?.getAttribute('content')).toBe('#000091');
    }
  });
});
