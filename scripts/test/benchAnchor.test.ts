import { describe, expect, it } from 'vitest';

import { loadSeedData } from '@passerelle/cms/seed';

import { anchorPath, ficheMarkdown } from '../src/bench/starlightAnchor';

const seed = loadSeedData();
const fiche = seed.fiches.find((entry) => entry.key === 'carte-vitale');
const titles = { what: 'C’est quoi ?', why: 'Pourquoi ?', how: 'Comment faire ?', next: 'Et après ?' };

describe('ficheMarkdown (Starlight anchor page)', () => {
  it('writes the title and summary as front matter, then each non-empty section with its items', () => {
    if (!fiche) throw new Error('the seed has no carte-vitale fiche');
    const markdown = ficheMarkdown(fiche, fiche.translations.fr, 'fr', titles, () => '/fr/demarches/x/');
    expect(markdown.startsWith(`---\ntitle: ${JSON.stringify(fiche.translations.fr.title)}\n`)).toBe(true);
    expect(markdown).toContain('## Comment faire ?');
    expect(markdown).not.toContain('## Pourquoi ?'); // a démarche has no "why"
    expect(markdown).toContain(`### ${fiche.translations.fr.how[0]?.title}`);
  });

  it('points fiche links at the anchor page, or leaves their text when the fiche is not in the corpus', () => {
    if (!fiche) throw new Error('the seed has no carte-vitale fiche');
    const linked = ficheMarkdown(fiche, fiche.translations.fr, 'fr', titles, (key) => `/fr/demarches/${key}/`);
    expect(linked).toContain('](/fr/demarches/protection-universelle-maladie/)');
    expect(linked).not.toContain('fiche:');
    const unlinked = ficheMarkdown(fiche, fiche.translations.fr, 'fr', titles, () => undefined);
    expect(unlinked).toContain('la protection universelle maladie');
    expect(unlinked).not.toMatch(/\]\(fiche:|\]\(\/fr/);
  });

  it('keeps the same addresses as our site for each language', () => {
    if (!fiche) throw new Error('the seed has no carte-vitale fiche');
    expect(anchorPath('ar', fiche)).toBe('/ar/demarches/carte-vitale/');
  });
});
