import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** Decodes a body by its `content-encoding` (none, gzip or br). */
export function decompress(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}
