/**
 * The whole-site pass (src/integrations/wholeSitePasses.ts) that draws the image social networks show with a shared link (`og:image`),
 * one per page type and language, at build time with sharp: 1200 × 630, the site's drawing and
 * colours, laid out in the page's direction (the drawing on the inline-start side, the text
 * aligned to it). The text — the site's name, its tagline and the kind of page — is written in
 * the page's language only when the machine has a font for that language (fontconfig says so);
 * otherwise (Tigrinya and Pashto here) the image carries no text, rather than boxes in place of
 * letters: the same drawing, mirrored for right-to-left languages.
 *
 * Only social networks fetch these files: no page loads them (src/lib/socialImage.ts), the
 * service worker never caches them, and they are outside the page weight.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { directionOf, localeCodes, type Locale } from '@passerelle/content-schemas';

import { translator, type MessageKey } from '../lib/i18n';
import { socialImage, socialImageSize, socialImageTypes, type SocialImageType } from '../lib/socialImage';
import { themeColor } from '../lib/webApp';
import { bestPng, cachedPng } from './pngCache';

/** What the image says of each kind of page, besides the site's name and tagline. */
const typeLabels: Record<SocialImageType, MessageKey | undefined> = {
  site: undefined,
  home: undefined,
  theme: 'search.filter.theme',
  demarche: 'fiche.type.demarche',
  dispositif: 'fiche.type.dispositif',
  search: 'search.title',
  departement: 'search.filter.departement',
  structure: 'search.filter.structure',
};

/** The accent of each kind of page (DSFR illustrative colours), so that the images differ without text. */
const accents: Record<SocialImageType, string> = {
  site: '#6a6af4',
  home: '#6a6af4',
  theme: '#009081',
  demarche: '#ce614a',
  dispositif: '#c3992a',
  search: '#417dc4',
  departement: '#a558a0',
  structure: '#7d4e5b',
};

/** Whether fontconfig knows a font that covers the language; false when it cannot be asked. */
export function hasFontFor(locale: Locale): boolean {
  try {
    return execFileSync('fc-list', [`:lang=${locale}`, 'family'], { encoding: 'utf8', timeout: 10_000 }).trim() !== '';
  } catch {
    return false;
  }
}

/** Words into lines of at most `width` characters: SVG text does not wrap by itself. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The image as SVG. `withText` false: the drawing and colours only. */
export function socialImageSvg(locale: Locale, type: SocialImageType, withText: boolean): string {
  const { width, height } = socialImageSize;
  const rtl = directionOf(locale) === 'rtl';
  // Positions measured from the inline-start edge, mirrored for right-to-left languages.
  const x = (fromStart: number) => (rtl ? width - fromStart : fromStart);
  const t = translator(locale);
  const label = typeLabels[type];
  const drawing = `<g transform="translate(${x(rtl ? 80 + 240 : 80)} 120) scale(7.5)">
    <rect width="32" height="32" rx="6" fill="${themeColor}"/>
    <path d="M7 22h18M9 22V12l7-4 7 4v10" fill="none" stroke="#fff" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>
  </g>`;
  const band = `<rect x="${rtl ? 0 : width - 300}" y="0" width="300" height="${height}" fill="${accents[type]}"/>
    <circle cx="${x(width - 150)}" cy="${height - 150}" r="90" fill="#ffffff" fill-opacity="0.25"/>`;
  // SVG anchors text by its writing direction: "start" is the right edge of right-to-left text.
  const anchor = 'start';
  const text = withText
    ? `<g font-family="DejaVu Sans, sans-serif" fill="#161616" direction="${rtl ? 'rtl' : 'ltr'}" text-anchor="${anchor}">
    <text x="${x(80)}" y="460" font-size="64" font-weight="bold" fill="${themeColor}">${escapeXml(t('site.name'))}</text>
    ${wrapWords(t('site.tagline'), 42)
      .slice(0, 3)
      .map((line, index) => `<text x="${x(80)}" y="${526 + index * 38}" font-size="28">${escapeXml(line)}</text>`)
      .join('')}
    ${label ? `<text x="${x(400)}" y="230" font-size="44" font-weight="bold">${escapeXml(t(label))}</text>` : ''}
  </g>`
    : `<rect x="${x(rtl ? 80 + 600 : 80)}" y="470" width="600" height="24" rx="12" fill="${themeColor}"/>
    <rect x="${x(rtl ? 80 + 420 : 80)}" y="520" width="420" height="16" rx="8" fill="#929292"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <rect width="${width}" height="${height}" fill="#f6f6f6"/>
  ${band}
  ${drawing}
  ${text}
</svg>`;
}

/** Writes every image of a build; returns, per language, whether its images carry text. */
export async function writeSocialImages(
  outDir: string,
  fonts: (locale: Locale) => boolean = hasFontFor,
): Promise<Record<Locale, boolean>> {
  const withText = {} as Record<Locale, boolean>;
  for (const locale of localeCodes) {
    withText[locale] = fonts(locale);
    for (const type of socialImageTypes) {
      const target = path.join(outDir, socialImage.path(locale, type));
      await mkdir(path.dirname(target), { recursive: true });
      const svg = socialImageSvg(locale, type, withText[locale]);
      await writeFile(target, await cachedPng(svg, bestPng));
    }
  }
  return withText;
}
