/**
 * The PNG images a build draws from SVG with sharp (social images, web app icons), kept between
 * builds under the hash of everything the drawing depends on: the SVG text, the drawing options,
 * sharp's and libvips' versions, the lockfile (sharp's own dependencies) and the fonts fontconfig
 * offers (text in an SVG is drawn with them). Any change of one is another key, so the cache can
 * only give the bytes drawing again would give. They are the same for every build of the same
 * code, and drawing them again took 10 s of a 1,000-fiche full build (PNG at the best compression).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';

import { keepNewest, lockfileBytes, writeWhole } from './keptFiles';

const pngCacheFormat = 1;

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the images are kept: next to the pruned stylesheets' cache, out of the repository. */
export const defaultPngCacheDir = path.join(siteDir, 'node_modules', '.cache', 'passerelle-png');

/** Images kept (about 80 per code version, a few KB each): the most recently written. */
const pngCacheEntries = 800;

/** The fonts fontconfig offers, file and version of each: another font installed or updated is another key. */
function fontsFingerprint(): string {
  try {
    const fonts = execFileSync('fc-list', ['--format', '%{file}|%{fontversion}|%{style}\\n'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    return fonts.split('\n').filter(Boolean).sort().join('\n');
  } catch {
    return 'no fontconfig';
  }
}

let environment: string | undefined;

/** What every image depends on besides its SVG and options, worked out once per process. */
function drawingEnvironment(): string {
  if (environment === undefined) {
    environment = createHash('sha256')
      .update(`png cache ${pngCacheFormat}\n`)
      .update(JSON.stringify(sharp.versions))
      .update(lockfileBytes())
      .update(fontsFingerprint())
      .digest('hex');
  }
  return environment;
}

/**
 * How an image is drawn from its SVG: sharp's PNG options, and the colour it is laid on (the
 * transparent pixels filled), if any. The one description both the drawing and the cache key
 * are made from, so that the cache cannot give an image drawn another way.
 */
export type PngRecipe = { compressionLevel: number; palette: boolean; background?: string | undefined };

/** PNG at the best compression, with a palette: every image the site draws (a few KB each). */
export const bestPng: PngRecipe = { compressionLevel: 9, palette: true };

/** Draws `svg` as `recipe` says. */
export function drawPng(svg: string, { background, ...png }: PngRecipe): Promise<Buffer> {
  const image = sharp(Buffer.from(svg));
  return (background ? image.flatten({ background }) : image).png(png).toBuffer();
}

/** The key of one image: its SVG and its recipe, in the drawing environment. */
export function pngCacheKey(svg: string, recipe: PngRecipe): string {
  const optionsText = JSON.stringify(recipe);
  return createHash('sha256')
    .update(drawingEnvironment())
    .update(`\n${Buffer.byteLength(optionsText)}\n${optionsText}\n`)
    .update(svg)
    .digest('hex');
}

/** PNG's last chunk: a file cut short (a full disk) lacks it and is drawn again. */
const pngEnd = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const pngStart = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let written = 0;

/** The PNG `drawPng` makes of `svg` with `recipe`, taken from the cache when it has it. */
export async function cachedPng(svg: string, recipe: PngRecipe, cacheDir: string = defaultPngCacheDir): Promise<Buffer> {
  const file = path.join(cacheDir, `${pngCacheKey(svg, recipe)}.png`);
  const kept = await readFile(file).catch(() => undefined);
  if (kept && kept.subarray(0, 8).equals(pngStart) && kept.subarray(-8).equals(pngEnd)) return kept;
  const png = await drawPng(svg, recipe);
  try {
    await writeWhole(file, png);
    if (++written % 50 === 0) await keepNewest(cacheDir, pngCacheEntries, '.png');
  } catch {
    // A cache that cannot be written (read-only disk) only costs the next build the drawing.
  }
  return png;
}
