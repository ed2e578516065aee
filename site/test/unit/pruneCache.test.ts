/**
 * The pruned stylesheet's cache (src/integrations/pruneUnusedCss.ts): a publication takes the
 * result of an earlier pruning only when the stylesheet and the templates are the very same.
 * A cache that missed a change would ship a stylesheet without the rules of a new template, or
 * pruned from a stylesheet that is no longer Vite's: every case here prunes again.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { pruneCacheKey, prunedStylesheets } from '../../src/integrations/pruneUnusedCss';

const stylesheet = '.card{color:red}.badge{color:blue}.unused{color:green}';
const templates = [{ raw: '<div class="card"><span class="badge">x</span></div>', extension: 'astro' }];

let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'passerelle-prune-cache-'));
});

afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('the pruned stylesheet cache', () => {
  it('takes the result from the cache for the same stylesheet and templates, the same as pruning again', async () => {
    const first = await prunedStylesheets([stylesheet], { cacheDir, templates });
    const again = await prunedStylesheets([stylesheet], { cacheDir, templates });
    const uncached = await prunedStylesheets([stylesheet], { cacheDir: null, templates });
    expect(first.cached).toBe(false);
    expect(again).toEqual({ css: first.css, cached: true });
    expect(uncached.css).toEqual(first.css);
    expect(first.css[0]).toContain('.badge');
    expect(first.css[0]).not.toContain('.unused');
  });

  it('prunes again when a template changes: a class a template now writes is kept', async () => {
    await prunedStylesheets([stylesheet], { cacheDir, templates });
    const changed = [{ raw: `${templates[0]?.raw}<p class="unused">y</p>`, extension: 'astro' }];
    const result = await prunedStylesheets([stylesheet], { cacheDir, templates: changed });
    expect(result.cached).toBe(false);
    expect(result.css[0]).toContain('.unused');
    // A template dropping a class loses its rule again.
    const fewer = await prunedStylesheets([stylesheet], {
      cacheDir,
      templates: [{ raw: '<div class="card">', extension: 'astro' }],
    });
    expect(fewer.cached).toBe(false);
    expect(fewer.css[0]).not.toContain('.badge');
  });

  it('prunes again when the stylesheet changes, or a template moves to another kind of file', async () => {
    await prunedStylesheets([stylesheet], { cacheDir, templates });
    const changed = await prunedStylesheets([`${stylesheet}.card{margin:0}`], { cacheDir, templates });
    expect(changed.cached).toBe(false);
    expect(changed.css[0]).toContain('margin:0');
    expect(pruneCacheKey([stylesheet], templates)).not.toBe(pruneCacheKey([stylesheet], [{ ...templates[0]!, extension: 'ts' }]));
    // The parts are delimited: the same text cut elsewhere is another key.
    expect(pruneCacheKey(['.a{}', '.b{}'], templates)).not.toBe(pruneCacheKey(['.a{}.b{}'], templates));
  });

  it('never takes an entry whose stylesheet does not match its recorded hash, and prunes again', async () => {
    const first = await prunedStylesheets([stylesheet], { cacheDir, templates });
    const [entry] = (await readdir(cacheDir)).filter((name) => name.endsWith('.json'));
    const file = path.join(cacheDir, entry ?? '');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { stylesheets: { css: string }[] };
    stored.stylesheets[0]!.css = '.tampered{color:black}';
    await writeFile(file, JSON.stringify(stored));
    const again = await prunedStylesheets([stylesheet], { cacheDir, templates });
    expect(again).toEqual({ css: first.css, cached: false });
    await writeFile(file, '{"key":');
    expect((await prunedStylesheets([stylesheet], { cacheDir, templates })).cached).toBe(false);
  });
});
