import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { withPayload } from '@payloadcms/next/withPayload';
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants.js';

import { checkDeployment, DeploymentSettingsError } from './src/utilities/deployment';
import { securityHeaders } from './src/utilities/securityHeaders';
import { payloadSecret, SecretError } from './src/utilities/secret';
import { publicServerUrl, ServerUrlError } from './src/utilities/serverUrl';

const dirname = path.dirname(fileURLToPath(import.meta.url));

const nextConfig: NextConfig = {
  // In an npm workspace the lockfile and node_modules live at the repository root.
  turbopack: { root: path.resolve(dirname, '..') },
  outputFileTracingRoot: path.resolve(dirname, '..'),
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
};

export default function config(phase: string): NextConfig {
  // Payload reads its config on the first request only: checked here, `next start` refuses to
  // start at all instead of answering 500 to every request.
  if (phase === PHASE_PRODUCTION_SERVER) {
    try {
      payloadSecret({ ...process.env, NODE_ENV: 'production' });
      publicServerUrl({ ...process.env, NODE_ENV: 'production' });
      checkDeployment({ ...process.env, NODE_ENV: 'production' });
    } catch (error) {
      if (!(error instanceof SecretError) && !(error instanceof ServerUrlError) && !(error instanceof DeploymentSettingsError))
        throw error;
      console.error(`CMS: ${error.message}`);
      process.exit(1);
    }
  }
  return withPayload(nextConfig, { devBundleServerPackages: false });
}
