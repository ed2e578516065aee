/**
 * The whole-site pass (src/integrations/wholeSitePasses.ts) that makes the site installable on the home screen, like an app: one web
 * app manifest per language (`/{lang}/manifest.webmanifest`: its name, `lang`, `dir`, start page
 * `/{lang}/`) and the icons Android and iOS use, drawn at build time with sharp from the site's
 * icon (public/favicon.svg, the same drawing). Every language's app opens on its own home page;
 * without a network the service worker serves the kept copy or the offline page of that language
 * (src/integrations/serviceWorker.ts).
 *
 * Nothing here is downloaded while a page loads: browsers read the manifest and its icons when
 * they check whether the site can be installed, or when the reader installs it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { directionOf, localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';

import { translator } from '../lib/i18n';
import { backgroundColor, themeColor, webAppPaths } from '../lib/webApp';
import { bestPng, cachedPng } from './pngCache';

export { themeColor, webAppPaths };

export const iconSizes = [192, 512] as const;
export const appleTouchIconSize = 180;

/** The site's drawing (public/favicon.svg): a bridge on a blue square. */
const glyph =
  '<path d="M7 22h18M9 22V12l7-4 7 4v10" fill="none" stroke="#fff" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>';

/**
 * The icon as SVG, `size` pixels wide. "any" is the favicon (rounded corners, transparent around
 * them); a full-bleed square otherwise, the drawing shrunk to fit the maskable safe zone (the
 * central circle of 80 % of the width).
 */
export function iconSvg(size: number, shape: 'rounded' | 'square'): string {
  const content =
    shape === 'rounded'
      ? `<rect width="32" height="32" rx="6" fill="${themeColor}"/>${glyph}`
      : `<rect width="32" height="32" fill="${themeColor}"/><g transform="translate(16 15) scale(0.72) translate(-16 -15)">${glyph}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">${content}</svg>`;
}

export type WebAppManifest = {
  id: string;
  name: string;
  short_name: string;
  description: string;
  lang: Locale;
  dir: 'ltr' | 'rtl';
  start_url: string;
  scope: string;
  display: 'standalone';
  background_color: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: 'image/png'; purpose: 'any' | 'maskable' }[];
};

export function webAppManifest(locale: Locale): WebAppManifest {
  const t = translator(locale);
  const home = sitePaths.home(locale);
  return {
    // One app per language: installing the Arabic site next to the French one gives two apps.
    id: home,
    name: t('site.name'),
    short_name: t('site.name'),
    description: t('site.tagline'),
    lang: locale,
    dir: directionOf(locale),
    start_url: home,
    // The whole site: a short link (/f/…) or another language opened from the app stays in it.
    scope: '/',
    display: 'standalone',
    background_color: backgroundColor,
    theme_color: themeColor,
    icons: (['any', 'maskable'] as const).flatMap((purpose) =>
      iconSizes.map((size) => ({
        src: webAppPaths.icon(size, purpose),
        sizes: `${size}x${size}`,
        type: 'image/png' as const,
        purpose,
      })),
    ),
  };
}

async function png(svg: string, { opaque = false } = {}): Promise<Buffer> {
  // iOS paints a transparent pixel black: its icon has none.
  return cachedPng(svg, { ...bestPng, background: opaque ? themeColor : undefined });
}

/** Writes the icons and the manifests into a build; returns the paths written. */
export async function writeWebApp(outDir: string): Promise<string[]> {
  const files = new Map<string, Buffer | string>();
  for (const size of iconSizes) {
    files.set(webAppPaths.icon(size, 'any'), await png(iconSvg(size, 'rounded')));
    files.set(webAppPaths.icon(size, 'maskable'), await png(iconSvg(size, 'square')));
  }
  files.set(webAppPaths.appleTouchIcon, await png(iconSvg(appleTouchIconSize, 'square'), { opaque: true }));
  for (const locale of localeCodes)
    files.set(webAppPaths.manifest(locale), `${JSON.stringify(webAppManifest(locale), null, 2)}\n`);
  for (const [file, content] of files) {
    const target = path.join(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return [...files.keys()];
}
