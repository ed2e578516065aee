import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The few members of s3rver 3 (no types of its own) that the tests use. */
type S3rverInstance = { run: () => Promise<{ port: number }>; close: () => Promise<void> };
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export type TestS3 = {
  endpoint: string;
  bucket: string;
  /** The variables that point the CMS at this server, as docs/deploy.md sets them. */
  env: Record<string, string>;
  /** Keys in the bucket, read through the S3 API (ListObjectsV2). */
  keys: () => Promise<string[]>;
  /** One object's bytes, or undefined when it does not exist. */
  object: (key: string) => Promise<Buffer | undefined>;
  close: () => Promise<void>;
};

/**
 * A real S3-compatible server (s3rver, files in a temporary folder) on 127.0.0.1, with one bucket.
 * s3rver checks request signatures against its fixed credentials S3RVER / S3RVER; it lets
 * unsigned reads through, which is how the tests look inside the bucket.
 */
export async function startTestS3(bucket = 'passerelle-media'): Promise<TestS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = mkdtempSync(path.join(tmpdir(), 'passerelle-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    keys: async () => {
      const response = await fetch(`${endpoint}/${bucket}?list-type=2&max-keys=1000`);
      if (!response.ok) throw new Error(`s3rver: list answered ${response.status}: ${await response.text()}`);
      return [...(await response.text()).matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => decodeXml(match[1] ?? '')).sort();
    },
    object: async (key) => {
      const response = await fetch(`${endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`s3rver: get ${key} answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
