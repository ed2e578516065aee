/**
 * An Astro integration that moves each language's 404 page from `/{lang}/404/index.html`, where
 * Astro's directory format puts it, to `/{lang}/404.html`, where static hosts and the local
 * server (scripts/src/staticServer.ts) look for the "not found" page of a language folder.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { localeCodes } from '@passerelle/content-schemas';

export function notFoundPages(): AstroIntegration {
  return {
    name: 'passerelle-not-found-pages',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const outDir = fileURLToPath(dir);
        for (const locale of localeCodes) {
          const built = path.join(outDir, locale, '404');
          await rename(path.join(built, 'index.html'), path.join(outDir, locale, '404.html'));
          await rm(built, { recursive: true });
        }
      },
    },
  };
}
