/**
 * The drawn images' cache (src/integrations/pngCache.ts): a build takes a social image or an icon
 * from it only when the SVG and the recipe it is drawn by are the very same, and the bytes are those a
 * new drawing gives. A cache that missed a change would ship last version's image.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bestPng, cachedPng, drawPng, pngCacheKey, type PngRecipe } from '../../src/integrations/pngCache';
import { socialImageSvg } from '../../src/integrations/socialImages';
import { iconSvg } from '../../src/integrations/webAppManifest';

const recipe = bestPng;

let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'passerelle-png-cache-'));
});

afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** A whole PNG unlike any drawing of the test's SVGs: put in an entry, it shows that the entry was taken. */
const marker = () =>
  sharp({ create: { width: 3, height: 2, channels: 3, background: '#ff00ff' } })
    .png()
    .toBuffer();

const entryOf = (svg: string, drawing: PngRecipe) => path.join(cacheDir, `${pngCacheKey(svg, drawing)}.png`);

describe('the drawn images cache', () => {
  it('draws a social image as its recipe says, keeps it, and gives the entry back the next time', async () => {
    const svg = socialImageSvg('ar', 'demarche', false);
    const first = await cachedPng(svg, recipe, cacheDir);
    expect(first.equals(await drawPng(svg, recipe))).toBe(true);
    expect(await readdir(cacheDir)).toEqual([path.basename(entryOf(svg, recipe))]);
    // The next build takes the entry as it is: it does not draw.
    const kept = await marker();
    await writeFile(entryOf(svg, recipe), kept);
    expect((await cachedPng(svg, recipe, cacheDir)).equals(kept)).toBe(true);
  });

  it('draws again for another SVG or another recipe, each as its own recipe says', async () => {
    const french = socialImageSvg('fr', 'theme', false);
    const arabic = socialImageSvg('ar', 'theme', false);
    await cachedPng(french, recipe, cacheDir);
    await writeFile(entryOf(french, recipe), await marker());
    expect((await cachedPng(arabic, recipe, cacheDir)).equals(await drawPng(arabic, recipe))).toBe(true);
    // An icon with transparent corners, laid on a colour (as the iOS icon is): another entry, drawn flattened.
    const icon = iconSvg(180, 'rounded');
    const flattened: PngRecipe = { ...recipe, background: '#000091' };
    await cachedPng(icon, recipe, cacheDir);
    await writeFile(entryOf(icon, recipe), await marker());
    const opaque = await cachedPng(icon, flattened, cacheDir);
    expect(opaque.equals(await drawPng(icon, flattened))).toBe(true);
    expect(opaque.equals(await drawPng(icon, recipe))).toBe(false);
    expect(pngCacheKey(icon, recipe)).not.toBe(pngCacheKey(icon, flattened));
    expect(await readdir(cacheDir)).toHaveLength(4);
  });

  it('draws again over an entry cut short, and repairs it', async () => {
    const svg = socialImageSvg('fr', 'home', false);
    const whole = await cachedPng(svg, recipe, cacheDir);
    await writeFile(entryOf(svg, recipe), whole.subarray(0, whole.length - 20));
    expect((await cachedPng(svg, recipe, cacheDir)).equals(whole)).toBe(true);
    expect((await readFile(entryOf(svg, recipe))).equals(whole)).toBe(true);
  });
});
