import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { REST_GET } from '@payloadcms/next/routes';
import type { Payload } from 'payload';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exportSnapshot } from '../../../scripts/src/export';
import type { Media } from '../../src/payload-types';
import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { startTestS3, type TestS3 } from '../helpers/s3Server';

/**
 * Media in S3-compatible object storage (S3_BUCKET…), against a real S3 server started here
 * (s3rver): upload with every image size, replace, delete, the export — the site build's
 * source — downloading the files through the CMS from the bucket, and the site built from that
 * export showing the bucket's image as a structure's logo.
 */
let s3: TestS3;
let context: TestPayload;
let payload: Payload;
let fetchFromCms: typeof fetch;
const cmsUrl = 'http://cms.test';
let snapshotDir: string;
let distDir: string;
const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../site');

/** `astro build` of the site on a snapshot, as the publish pipeline runs it after the export. */
async function buildSite(snapshot: string, outDir: string): Promise<void> {
  const astro = [path.join(siteRoot, 'node_modules/.bin/astro'), path.join(siteRoot, '../node_modules/.bin/astro')].find((bin) =>
    existsSync(bin),
  );
  try {
    await promisify(execFile)(astro as string, ['build', '--outDir', outDir], {
      cwd: siteRoot,
      env: {
        ...process.env,
        SNAPSHOT_DIR: snapshot,
        CMS_URL: '',
        SITE_URL: 'https://passerelle.example',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`the site build failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
  }
}

async function png(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

function objectKeys(media: Media): string[] {
  const sizes = Object.values(media.sizes ?? {}).flatMap((size) => (size?.filename ? [size.filename] : []));
  return [media.filename as string, ...sizes].sort();
}

beforeAll(async () => {
  snapshotDir = mkdtempSync(path.join(tmpdir(), 'passerelle-s3-snapshot-'));
  distDir = mkdtempSync(path.join(tmpdir(), 'passerelle-s3-dist-'));
  s3 = await startTestS3();
  Object.assign(process.env, s3.env);
  context = await createTestPayload();
  payload = context.payload;
  // Payload's real REST handler, as `next start` mounts it under /api, for the export's requests.
  const get = REST_GET(context.config);
  fetchFromCms = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const slug = new URL(request.url).pathname.replace(/^\/api\//, '').split('/');
    return get(request, { params: Promise.resolve({ slug }) });
  }) as typeof fetch;
});

afterAll(async () => {
  await context?.cleanup();
  await s3?.close();
  for (const dir of [snapshotDir, distDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('media in object storage', () => {
  let media: Media;
  let original: Buffer;

  it('stores the original and every image size in the bucket, nothing on the disk', async () => {
    original = await png(1600, 900, '#1d4ed8');
    media = await payload.create({
      collection: 'media',
      data: { alt: 'Bureau d’accueil de la préfecture' },
      file: { data: original, mimetype: 'image/png', name: 'accueil-prefecture.png', size: original.length },
      context: { skipRebuild: true },
    });
    // Three widths, each in WebP and AVIF.
    expect(Object.keys(media.sizes ?? {}).sort()).toEqual([
      'cardAvif',
      'cardWebp',
      'heroAvif',
      'heroWebp',
      'thumbnailAvif',
      'thumbnailWebp',
    ]);
    expect(media.sizes?.heroWebp?.width).toBe(1280);
    expect(await s3.keys()).toEqual(objectKeys(media));
    expect((await s3.object(media.filename as string))?.equals(original)).toBe(true);
    const thumbnail = await s3.object(media.sizes?.thumbnailWebp?.filename as string);
    expect((await sharp(thumbnail).metadata()).format).toBe('webp');
    const mediaDir = process.env.MEDIA_DIR as string;
    expect(existsSync(mediaDir) ? readdirSync(mediaDir) : []).toEqual([]);
  });

  it('keeps the alt texts per language and the structure logos', async () => {
    await payload.update({ collection: 'media', id: media.id, locale: 'ar', data: { alt: 'مكتب الاستقبال في المحافظة' } });
    // A published fiche, its theme and its structure with this logo: what the export needs.
    const taxonomy = await createTaxonomy(payload);
    const structure = await payload.update({
      collection: 'structures',
      id: taxonomy.structureId,
      data: { logo: media.id },
      context: { skipRebuild: true },
      depth: 1,
    });
    expect((structure.logo as Media).url).toBe(media.url);
    await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy), _status: 'published' },
      context: { skipRebuild: true },
    });
    const both = await payload.findByID({ collection: 'media', id: media.id, locale: 'all' });
    expect(both.alt).toMatchObject({ fr: 'Bureau d’accueil de la préfecture', ar: 'مكتب الاستقبال في المحافظة' });
  });

  it('serves every file at the same /api/media/file/… address as on disk, read from the bucket', async () => {
    expect(media.url).toBe(`/api/media/file/${media.filename}`);
    const response = await fetchFromCms(new URL(media.url as string, cmsUrl));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
    const hero = await fetchFromCms(new URL(media.sizes?.heroAvif?.url as string, cmsUrl));
    expect(hero.status).toBe(200);
    expect((await sharp(Buffer.from(await hero.arrayBuffer())).metadata()).width).toBe(1280);
  });

  it('is exported for the site build: the snapshot holds the bucket’s bytes', async () => {
    const report = await exportSnapshot({ cmsUrl, snapshotDir, fetchImpl: fetchFromCms });
    expect(report.mediaFiles).toBe(1);
    expect(readFileSync(path.join(snapshotDir, 'media', media.filename as string)).equals(original)).toBe(true);
    const exported = JSON.parse(readFileSync(path.join(snapshotDir, 'structures.json'), 'utf8')) as { logo?: string }[];
    expect(exported[0]?.logo).toBe(media.id);
  });

  it('builds the site with the bucket’s image as the structure’s logo, on its fiche and structure pages', async () => {
    // The publish pipeline's own steps: the export above, then Astro on that snapshot.
    await buildSite(snapshotDir, distDir);
    const [fiche] = JSON.parse(readFileSync(path.join(snapshotDir, 'fiches.json'), 'utf8')) as { slug: string }[];
    const pages = {
      fiche: `fr/demarches/${fiche?.slug}/index.html`,
      structure: 'fr/structures/assurance-maladie/index.html',
      structureAr: 'ar/structures/assurance-maladie/index.html',
    };
    const alts = {
      fiche: 'Bureau d’accueil de la préfecture',
      structure: 'Bureau d’accueil de la préfecture',
      structureAr: 'مكتب الاستقبال في المحافظة',
    };
    for (const [page, file] of Object.entries(pages) as [keyof typeof pages, string][]) {
      const html = readFileSync(path.join(distDir, file), 'utf8');
      const picture = /<picture>[\s\S]*?<\/picture>/.exec(html)?.[0];
      expect(picture, `${file} shows the logo`).toBeDefined();
      expect(picture).toContain(`alt="${alts[page]}"`);
      // Every address of the picture (AVIF and WebP sources, the fallback) is a file of the build.
      const addresses = [...(picture ?? '').matchAll(/(?:src|srcset)="([^"]+)"/g)].flatMap((match) =>
        (match[1] ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''),
      );
      expect(addresses.some((address) => address.endsWith('.avif'))).toBe(true);
      expect(addresses.some((address) => address.endsWith('.webp'))).toBe(true);
      for (const address of addresses) {
        expect(address, `${file}: ${address} is served by the site, never by the CMS or the bucket`).toMatch(/^\/_astro\/[^/]+$/);
        const built = path.join(distDir, address);
        expect(existsSync(built), `${file}: ${address} is in the build`).toBe(true);
        // The bucket's blue image, resized: its colour proves the bytes came from there.
        const { data, info } = await sharp(built).raw().toBuffer({ resolveWithObject: true });
        expect(info.width).toBeLessThanOrEqual(256);
        expect(Math.abs((data[0] ?? 0) - 0x1d)).toBeLessThanOrEqual(8);
        expect(Math.abs((data[1] ?? 0) - 0x4e)).toBeLessThanOrEqual(8);
        expect(Math.abs((data[2] ?? 0) - 0xd8)).toBeLessThanOrEqual(8);
      }
    }
  }, 600_000);

  it('replaces every object when the file is replaced', async () => {
    const before = objectKeys(media);
    const replacement = await png(800, 600, '#b91c1c');
    const replaced = await payload.update({
      collection: 'media',
      id: media.id,
      data: {},
      file: { data: replacement, mimetype: 'image/png', name: 'accueil-prefecture-2.png', size: replacement.length },
      context: { skipRebuild: true },
    });
    expect(replaced.filename).toBe('accueil-prefecture-2.png');
    // 800 px wide: the 1280 px size keeps the original width (never enlarged).
    expect(replaced.sizes?.heroWebp?.width).toBe(800);
    const keys = await s3.keys();
    expect(keys).toEqual(objectKeys(replaced));
    for (const key of before) expect(keys).not.toContain(key);
    expect((await s3.object(replaced.filename as string))?.equals(replacement)).toBe(true);
    media = replaced;
  });

  it('deletes every object with the document', async () => {
    await payload.update({ collection: 'structures', where: {}, data: { logo: null }, context: { skipRebuild: true } });
    await payload.delete({ collection: 'media', id: media.id, context: { skipRebuild: true } });
    expect(await s3.keys()).toEqual([]);
    const response = await fetchFromCms(new URL(`/api/media/file/${media.filename}`, cmsUrl));
    expect(response.status).toBe(404);
  });
});
