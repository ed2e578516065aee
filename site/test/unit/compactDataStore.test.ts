import { describe, expect, it } from 'vitest';

import { dataStoreModule } from '../../src/integrations/compactDataStore';

/** Runs an ES module's source the way the build does, and returns its default export. */
async function defaultExportOf(source: string): Promise<unknown> {
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as { default: unknown };
  return module.default;
}

describe('the data store module', () => {
  it('gives the build exactly the value of the JSON file, quotes, RTL text and all', async () => {
    // devalue's flat array, as Astro writes data-store.json.
    const json = JSON.stringify([['Map', 1], { fiches: 2 }, ['Map', 3], { title: 'بطاقة "فيتال" \\ \u2028 <script>' }]);
    expect(await defaultExportOf(dataStoreModule(json))).toEqual(JSON.parse(json));
  });

  it('is one string literal whatever the size of the store, so the bundler parses no object tree', () => {
    const json = JSON.stringify(Array.from({ length: 2_000 }, (_, index) => ({ id: index, title: { fr: `Fiche ${index}` } })));
    const source = dataStoreModule(json);
    const [, literal] = /^export default JSON\.parse\((".*")\);$/s.exec(source) ?? [];
    expect(JSON.parse(literal ?? 'null')).toBe(json);
  });
});
