/**
 * The drawn images' cache (src/integrations/pngCache.ts): a build takes a social image or an icon
 * from it only when the SVG and the drawing options are the very same, and the bytes are those a
 * new drawing gives. A cache that missed a change would ship last version's image.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { cachedPng, pngCacheKey } from '../../src/integrations/pngCache';
import { socialImageSvg } from '../../src/integrations/socialImages';

const options = { compressionLevel: 9, palette: true } as const;

let cacheDir: string;
let drawings: number;

const drawer =
  (svg: string, drawing: object = options) =>
  () => {
    drawings++;
    return sharp(Buffer.from(svg)).png(drawing).toBuffer();
  };

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'passerelle-png-cache-'));
  drawings = 0;
});

afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('the drawn images cache', () => {
  it('draws a social image once, then gives the same bytes as drawing it again', async () => {
    const svg = socialImageSvg('ar', 'demarche', false);
    const first = await cachedPng(svg, options, drawer(svg), cacheDir);
    const again = await cachedPng(svg, options, drawer(svg), cacheDir);
    expect(drawings).toBe(1);
    expect(again.equals(first)).toBe(true);
    expect(again.equals(await drawer(svg)())).toBe(true);
    expect(await readdir(cacheDir)).toEqual([`${pngCacheKey(svg, options)}.png`]);
  });

  it('draws again for another SVG or other options', async () => {
    const french = socialImageSvg('fr', 'theme', false);
    const arabic = socialImageSvg('ar', 'theme', false);
    await cachedPng(french, options, drawer(french), cacheDir);
    const other = await cachedPng(arabic, options, drawer(arabic), cacheDir);
    expect(drawings).toBe(2);
    expect(other.equals(await drawer(arabic)())).toBe(true);
    const flattened = { ...options, background: '#000091' };
    await cachedPng(french, flattened, drawer(french, flattened), cacheDir);
    expect(drawings).toBe(4);
    expect(pngCacheKey(french, options)).not.toBe(pngCacheKey(french, flattened));
  });

  it('draws again over an entry cut short, and repairs it', async () => {
    const svg = socialImageSvg('fr', 'home', false);
    const whole = await cachedPng(svg, options, drawer(svg), cacheDir);
    const entry = path.join(cacheDir, `${pngCacheKey(svg, options)}.png`);
    await writeFile(entry, whole.subarray(0, whole.length - 20));
    const drawn = await cachedPng(svg, options, drawer(svg), cacheDir);
    expect(drawings).toBe(2);
    expect(drawn.equals(whole)).toBe(true);
    expect((await cachedPng(svg, options, drawer(svg), cacheDir)).equals(whole)).toBe(true);
    expect(drawings).toBe(2);
  });
});
