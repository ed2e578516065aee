/**
 * An Astro integration that hands the content data store to the build as one JSON string
 * instead of a JavaScript object literal.
 *
 * Astro 5 turns `data-store.json` (every fiche in 8 languages: about 57 MB at 1,000 fiches) into
 * an object literal module (`dataToEsm`), which Rollup then parses into a syntax tree of every
 * node of every fiche. That tree, not the pages, is what took the build past Node's 4 GB heap at
 * 1,000 fiches. A string literal is a single node whatever its length, and `JSON.parse` of it
 * gives the module the same value: the array that Astro's `ImmutableDataStore.fromModule()`
 * hands to devalue. This is the change Astro made upstream in a later major version
 * (withastro/astro#17223); remove this integration when the site moves to it.
 */
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

/** Astro's names (astro/dist/content/consts.js): the virtual module and its file in `cacheDir`. */
const dataStoreModuleId = '\0astro:data-layer-content';
const dataStoreFileName = 'data-store.json';

/** The module source: the file's JSON text as a string literal, parsed when the module runs. */
export function dataStoreModule(json: string): string {
  // No JSON.parse here: Astro's own load hook has just parsed this file (and names it if it
  // cannot), so parsing 57 MB again would only cost time and memory.
  return `export default JSON.parse(${JSON.stringify(json)});`;
}

export function compactDataStore(): AstroIntegration {
  return {
    name: 'passerelle-compact-data-store',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig }) => {
        // The dev server reads the store from elsewhere and reloads it on change: left to Astro.
        if (command !== 'build') return;
        const file = new URL(dataStoreFileName, config.cacheDir);
        // Every build starts from an empty store (the loaders reload every collection anyway).
        // Astro 5.18 can leave the file with the data of a save started mid-sync (see
        // src/content/loader.ts); started from the previous build's store, that save would bring
        // back the previous content — an unpublished fiche, a deleted snapshot's image path.
        // From an empty store it can only lose content, which the publisher's checks refuse.
        await rm(fileURLToPath(file), { force: true });
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'passerelle-compact-data-store',
                enforce: 'pre',
                // `transform`, not `load`: Astro's own plugin loads the module first; replacing its
                // code before Rollup parses it is what spares the syntax tree.
                async transform(_code, id) {
                  if (id !== dataStoreModuleId) return undefined;
                  const json = await readFile(file, 'utf8').catch(() => undefined);
                  // No store file: Astro's own answer (an empty Map) stands.
                  if (json === undefined) return undefined;
                  return { code: dataStoreModule(json), map: { mappings: '' } };
                },
              },
            ],
          },
        });
      },
    },
  };
}
