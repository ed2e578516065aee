import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { markNoindex, renderPreview } from '../src/renderPreview';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('markNoindex', () => {
  it('links no web app manifest or home-screen icon: the publisher makes them, not the preview', () => {
    expect(
      markNoindex(
        '<head><link rel="manifest" href="/fr/manifest.webmanifest"><link rel="apple-touch-icon" href="/icons/a.png"><link rel="icon" href="/favicon.svg"></head>',
      ),
    ).toBe(
      '<head><meta name="robots" content="noindex, nofollow"><meta name="passerelle-preview" content=""><link rel="icon" href="/favicon.svg"></head>',
    );
  });

  it('puts noindex first in the head and drops the page’s own robots meta', () => {
    const html = markNoindex(
      '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="robots" content="index, follow"></head></html>',
    );
    expect(html).toBe(
      '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta name="robots" content="noindex, nofollow"><meta name="passerelle-preview" content=""><meta charset="utf-8"></head></html>',
    );
  });
});

describe('renderPreview', () => {
  it('renders only the previewed fiche, and marks every page noindex', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'passerelle-render-preview-'));
    dirs.push(work);
    const snapshotDir = path.join(work, 'snapshot');
    await mkdir(snapshotDir);
    let selection: unknown;
    await renderPreview({
      snapshotDir,
      outDir: path.join(work, 'out'),
      ficheId: 'f1',
      siteUrl: 'https://site.example',
      deploysDir: path.join(work, 'deploys'),
      buildSite: async ({ outDir, renderOnly }) => {
        selection = JSON.parse(await readFile(renderOnly!, 'utf8'));
        await mkdir(path.join(outDir, 'fr'), { recursive: true });
        await writeFile(path.join(outDir, 'fr', 'index.html'), '<html lang="fr"><head><title>x</title></head></html>');
      },
    });
    expect(selection).toEqual({ fiches: ['f1'], departements: [] });
    expect(await readFile(path.join(work, 'out', 'fr', 'index.html'), 'utf8')).toContain(
      '<head><meta name="robots" content="noindex, nofollow">',
    );
  });

  it('refuses to render into the deploys folder', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'passerelle-render-preview-'));
    dirs.push(work);
    const build = async () => {
      throw new Error('must not build');
    };
    await expect(
      renderPreview({
        snapshotDir: work,
        outDir: path.join(work, 'deploys', 'preview'),
        ficheId: 'f1',
        siteUrl: 'https://site.example',
        deploysDir: path.join(work, 'deploys'),
        buildSite: build,
      }),
    ).rejects.toThrow(/overlaps the deploys folder/);
  });
});
