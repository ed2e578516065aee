import { s3Storage } from '@payloadcms/storage-s3';
import type { Plugin } from 'payload';

import { type Env, mediaStorage } from './deployment';

/**
 * Media in an S3-compatible bucket when S3_BUCKET is set (see `mediaStorage`), on disk otherwise.
 * The plugin is always registered so the `media` table has the same columns (its `prefix`) with
 * or without object storage: one set of migrations for both.
 */
export function mediaStoragePlugin(env: Env = process.env): Plugin {
  const storage = mediaStorage(env);
  if (storage.kind === 'disk') {
    return s3Storage({ enabled: false, alwaysInsertFields: true, bucket: 'unused', collections: { media: true }, config: {} });
  }
  return s3Storage({
    alwaysInsertFields: true,
    bucket: storage.bucket,
    // Files are still served at /api/media/file/…, through the CMS: the same URLs as on disk,
    // so the export and the site build read them the same way, and the bucket stays private.
    // A prefix, even empty, keeps the plugin's `prefix` field, as when it is disabled above.
    collections: { media: { prefix: storage.prefix ?? '' } },
    config: {
      region: storage.region,
      ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
      forcePathStyle: storage.forcePathStyle,
      ...(storage.credentials ? { credentials: storage.credentials } : {}),
      // The SDK's default streams uploads with trailing CRC checksums (aws-chunked), which many
      // S3-compatible services still refuse; checksums only where the API requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
  });
}
