import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
 * (s3rver): upload with every image size, replace, delete, and the export — the site build's
 * source — downloading the files through the CMS from the bucket.
 */
let s3: TestS3;
let context: TestPayload;
let payload: Payload;
let fetchFromCms: typeof fetch;
const cmsUrl = 'http://cms.test';

async function png(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

function objectKeys(media: Media): string[] {
  const sizes = Object.values(media.sizes ?? {}).flatMap((size) => (size?.filename ? [size.filename] : []));
  return [media.filename as string, ...sizes].sort();
}

beforeAll(async () => {
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
    expect(Object.keys(media.sizes ?? {}).sort()).toEqual(['cardAvif', 'cardWebp', 'heroAvif', 'heroWebp', 'thumbnailAvif', 'thumbnailWebp']);
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
    await payload.create({ collection: 'fiches', data: { ...frenchDemarche(taxonomy), _status: 'published' }, context: { skipRebuild: true } });
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
    const snapshotDir = mkdtempSync(path.join(tmpdir(), 'passerelle-s3-snapshot-'));
    try {
      const report = await exportSnapshot({ cmsUrl, snapshotDir, fetchImpl: fetchFromCms });
      expect(report.mediaFiles).toBe(1);
      expect(readFileSync(path.join(snapshotDir, 'media', media.filename as string)).equals(original)).toBe(true);
      const exported = JSON.parse(readFileSync(path.join(snapshotDir, 'structures.json'), 'utf8')) as { logo?: string }[];
      expect(exported[0]?.logo).toBe(media.id);
    } finally {
      rmSync(snapshotDir, { recursive: true, force: true });
    }
  });

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
