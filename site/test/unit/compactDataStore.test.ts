import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { dataStoreModule, devalueEntry } from '../../src/integrations/compactDataStore';

const folder = mkdtempSync(path.join(tmpdir(), 'passerelle-data-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs an ES module's source the way the build does (from a file), and returns its default export. */
async function defaultExportOf(source: string, name: string): Promise<unknown> {
  const file = path.join(folder, `${name}.mjs`);
  writeFileSync(file, source);
  const module = (await import(pathToFileURL(file).href)) as { default: unknown };
  return module.default;
}

// Astro's own devalue, which writes data-store.json.
const devalue = (await import(pathToFileURL(devalueEntry).href)) as typeof import('devalue');

describe('the data store module', () => {
  it('gives the pages the Map Astro makes of the store file, quotes, RTL text and all', async () => {
    const store = new Map([
      [
        'fiches',
        new Map([['a', { id: 'a', data: { title: { fr: 'Titre', ar: 'بطاقة "فيتال" \\ \u2028 <script>' }, note: undefined } }]]),
      ],
    ]);
    const file = path.join(folder, 'data-store.json');
    writeFileSync(file, devalue.stringify(store));
    const value = await defaultExportOf(dataStoreModule(file), 'store');
    // A Map, which Astro's ImmutableDataStore.fromModule takes as is, equal to what it would unflatten itself.
    expect(value).toBeInstanceOf(Map);
    expect(value).toEqual(devalue.unflatten(JSON.parse(devalue.stringify(store))));
    expect(value).toEqual(store);
  });

  it('carries no content, so the server build never holds the store: a 2,000-entry store gives a module naming its file only', () => {
    const file = path.join(folder, 'big.json');
    const big = new Map([['fiches', new Map(Array.from({ length: 2_000 }, (_, index) => [String(index), { id: index }]))]]);
    writeFileSync(file, devalue.stringify(big));
    // The store is 2,000 entries of JSON; the module only names the file it reads at run time.
    expect(dataStoreModule(file)).not.toContain('fiches');
    expect(dataStoreModule(file).length).toBeLessThan(1_000);
  });
});
