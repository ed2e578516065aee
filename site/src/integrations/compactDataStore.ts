/**
 * An Astro integration that hands the content data store to the pages without Vite carrying it.
 *
 * Astro 5 turns `data-store.json` (every fiche in 8 languages: about 200 MB at 1,000 fiches)
 * into an object literal module (`dataToEsm`) that Rollup parses, bundles into the server build
 * and writes out, and that Node parses back when the pages render. That carried the whole store
 * through the bundler (a syntax tree of every node of every fiche took the build past Node's
 * 4 GB heap at 1,000 fiches; as one string literal, still a module of the store's size held by
 * Rollup and then by V8 as source text) and kept three copies of it while the pages rendered: the
 * module's source, devalue's flat array that the module exports, and the store Astro makes from
 * it. Upstream made the module a string literal in a later major version (withastro/astro#17223).
 *
 * Here the server build never sees the store: once the content is synced (`astro:build:start`),
 * the file is moved aside, so Astro's own load hook finds none and answers an empty Map at no
 * cost, and this plugin replaces that module with one that reads the moved file when the pages
 * render and gives Astro the Map itself (`ImmutableDataStore.fromModule` takes a Map as is): the
 * same value, parsed once, held once. The file must then stay until the pages have rendered; it
 * is put back when the build is done. The site's catalog (src/lib/catalog.ts) reads its entries
 * from that same Map, without `getCollection`'s copy of each.
 */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { AstroIntegration } from 'astro';

/** Astro's names (astro/dist/content/consts.js): the virtual module and its file in `cacheDir`. */
const dataStoreModuleId = '\0astro:data-layer-content';
const dataStoreFileName = 'data-store.json';
/** Where the synced store waits for the pages while the server build runs. */
const movedStoreFileName = 'data-store.build.json';

/** Astro's own package, and the devalue it writes the store with (not a dependency of ours: the same copy, whatever npm hoists). */
const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
export const devalueEntry = createRequire(astroPackage).resolve('devalue');

/** The module source: reads the store's file when the pages render, and exports the Map devalue makes of it. */
export function dataStoreModule(file: string): string {
  return [
    `import { readFileSync } from 'node:fs';`,
    `import { unflatten } from ${JSON.stringify(devalueEntry)};`,
    `export default unflatten(JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8')));`,
  ].join('\n');
}

/**
 * Node's own `import()`, not the one of Vite's module runner that loads this file (astro.config's
 * integrations): the module Astro itself runs, whose singleton holds the store, not a copy.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/**
 * Lets go of the store Astro's content layer keeps in memory once the content is synced: the
 * layer stays referenced for the whole build (for the dev server's reloads), and with it every
 * fiche as the loaders stored it, a copy nothing reads after the sync (the pages read the file).
 */
async function releaseSyncedStore(): Promise<boolean> {
  const contentLayer = new URL('dist/content/content-layer.js', pathToFileURL(astroPackage));
  const { globalContentLayer } = (await nativeImport(contentLayer.href)) as {
    globalContentLayer?: { get: () => unknown; dispose: () => void };
  };
  if (!globalContentLayer?.get()) return false;
  globalContentLayer.dispose();
  return true;
}

export function compactDataStore(): AstroIntegration {
  let storeFile: string | undefined;
  let movedFile: string | undefined;
  return {
    name: 'passerelle-compact-data-store',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig }) => {
        // The dev server reads the store from elsewhere and reloads it on change: left to Astro.
        if (command !== 'build') return;
        storeFile = fileURLToPath(new URL(dataStoreFileName, config.cacheDir));
        movedFile = fileURLToPath(new URL(movedStoreFileName, config.cacheDir));
        const moved = movedFile;
        // Every build starts from an empty store (the loaders reload every collection anyway).
        // Astro 5.18 can leave the file with the data of a save started mid-sync (see
        // src/content/loader.ts); started from the previous build's store, that save would bring
        // back the previous content — an unpublished fiche, a deleted snapshot's image path.
        // From an empty store it can only lose content, which the publisher's checks refuse.
        await rm(storeFile, { force: true });
        await rm(moved, { force: true });
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'passerelle-compact-data-store',
                enforce: 'pre',
                // `transform`, not `load`: Astro's own plugin loads the module first (its answer, with
                // the file moved aside, is an empty Map, which stands if there is no store at all).
                transform(_code, id) {
                  if (id !== dataStoreModuleId || !existsSync(moved)) return undefined;
                  return { code: dataStoreModule(moved), map: { mappings: '' } };
                },
              },
            ],
          },
        });
      },
      // After the content sync, before Vite's server build.
      'astro:build:start': async ({ logger }) => {
        if (!storeFile || !movedFile || !existsSync(storeFile)) return;
        await rename(storeFile, movedFile);
        const released = await releaseSyncedStore();
        logger.info(`content store moved aside for the pages${released ? ', the synced copy released' : ''}`);
      },
      'astro:build:done': async () => {
        if (storeFile && movedFile && existsSync(movedFile)) await rename(movedFile, storeFile);
      },
    },
  };
}
