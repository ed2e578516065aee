import { describe, expect, it } from 'vitest';

import { rewriteRootPaths } from '../../src/publishing/preview/previewEndpoints';
import { applyProposal, linkedFicheIds, previewableFiche } from '../../src/publishing/preview/previewSnapshot';

const body = { root: { type: 'root', children: [] } };

describe('applyProposal', () => {
  const fiche = {
    id: 'f1',
    title: { fr: 'Obtenir sa carte Vitale', ar: 'عنوان منشور' },
    summary: { fr: 'Résumé' },
    changeNote: { fr: 'Note', ar: 'ملاحظة قديمة' },
    what: {
      fr: [
        { title: 'Un', body },
        { title: 'Deux', body },
      ],
    },
    documents: { fr: [{ id: 'r1', document: 'd1', name: null, note: 'original', need: 'required' }] },
  };

  it('puts the proposal’s texts in its language and leaves French alone', () => {
    const next = applyProposal(fiche, { title: 'عنوان مقترح', summary: 'ملخص' }, 'ar');
    expect(next.title).toEqual({ fr: 'Obtenir sa carte Vitale', ar: 'عنوان مقترح' });
    expect(next.summary).toEqual({ fr: 'Résumé', ar: 'ملخص' });
    expect(fiche.title.ar).toBe('عنوان منشور');
  });

  it('drops a unit the proposal leaves empty, so the page shows the French there', () => {
    expect(
      (applyProposal(fiche, { title: 'عنوان', changeNote: '  ' }, 'ar').changeNote as Record<string, string>).ar,
    ).toBeUndefined();
  });

  it('keeps section items up to the first untranslated one', () => {
    const next = applyProposal(
      fiche,
      {
        what: [
          { id: 'x', title: 'واحد', body },
          { title: '', body },
        ],
      },
      'ar',
    );
    expect((next.what as Record<string, unknown>).ar).toEqual([{ title: 'واحد', body }]);
  });

  it('gives each document row the proposal’s name and note, keeping the shared document', () => {
    const next = applyProposal(fiche, { documents: [{ name: '', note: 'أصل' }] }, 'ar');
    expect((next.documents as Record<string, unknown>).ar).toEqual([
      { document: 'd1', name: null, note: 'أصل', need: 'required' },
    ]);
  });
});

describe('linkedFicheIds', () => {
  it('finds steps and internal links, not the fiche itself', () => {
    const ids = linkedFicheIds({
      id: 'f1',
      stepsBefore: ['a'],
      how: {
        fr: [
          {
            body: {
              children: [{ fields: { doc: { relationTo: 'fiches', value: 'b' } } }, { relationTo: 'fiches', value: 'f1' }],
            },
          },
        ],
      },
    });
    expect(ids.sort()).toEqual(['a', 'b']);
  });
});

describe('previewableFiche', () => {
  it('explains in French which required fields a draft still lacks', () => {
    expect(() => previewableFiche({ id: 'f1', type: 'dispositif', title: { fr: 'Brouillon' } })).toThrow(
      /champs obligatoires.*primaryTheme/,
    );
  });
});

describe('rewriteRootPaths', () => {
  const prefix = '/api/preview/page/k';

  it('points the page’s root-relative addresses into the preview, not absolute ones', () => {
    const html =
      '<link rel="canonical" href="https://site.example/fr/"><link rel="stylesheet" href="/_astro/site.css"><a href="/fr/">x</a><img src="/_astro/a.webp" srcset="/_astro/a.webp 1x, /_astro/b.webp 2x"><a href="//cdn.example/x">y</a>';
    expect(rewriteRootPaths(html, prefix, 'html')).toBe(
      '<link rel="canonical" href="https://site.example/fr/"><link rel="stylesheet" href="/api/preview/page/k/_astro/site.css"><a href="/api/preview/page/k/fr/">x</a><img src="/api/preview/page/k/_astro/a.webp" srcset="/api/preview/page/k/_astro/a.webp 1x, /api/preview/page/k/_astro/b.webp 2x"><a href="//cdn.example/x">y</a>',
    );
  });

  it('rewrites url() in stylesheets and chunk addresses in scripts', () => {
    expect(rewriteRootPaths('a{background:url(/_astro/i.svg)}', prefix, 'css')).toBe(
      'a{background:url(/api/preview/page/k/_astro/i.svg)}',
    );
    expect(rewriteRootPaths('_=function(t){return"/"+t};x="/_astro/a.js"', prefix, 'js')).toBe(
      '_=function(t){return"/api/preview/page/k/"+t};x="/api/preview/page/k/_astro/a.js"',
    );
  });
});
