import { describe, expect, it } from 'vitest';

import type { CatalogFiche } from '../../src/lib/catalog';
import { ficheSteps } from '../../src/lib/ficheSteps';

const fiche = (id: string, links: Partial<Pick<CatalogFiche, 'stepsBefore' | 'stepsAfter' | 'type'>> = {}) =>
  ({ id, type: 'demarche', stepsBefore: [], stepsAfter: [], ...links }) as unknown as CatalogFiche;

function catalogOf(fiches: CatalogFiche[]) {
  return { fiches, ficheById: new Map(fiches.map((entry) => [entry.id, entry])) };
}

describe('ficheSteps', () => {
  const compte = fiche('compte');
  const rsa = fiche('rsa', { stepsBefore: ['compte'], stepsAfter: ['france-travail', 'unpublished'] });
  const franceTravail = fiche('france-travail');
  const catalog = catalogOf([compte, rsa, franceTravail]);

  it('shows the fiche’s own links, published only', () => {
    expect(ficheSteps(catalog, rsa)).toEqual({ before: [compte], after: [franceTravail] });
  });

  it('shows a link written on the other fiche from this side too', () => {
    expect(ficheSteps(catalog, compte)).toEqual({ before: [], after: [rsa] });
    expect(ficheSteps(catalog, franceTravail)).toEqual({ before: [rsa], after: [] });
  });

  it('lists a démarche once when both sides name the link, and never a dispositif', () => {
    const both = fiche('compte', { stepsAfter: ['rsa', 'atelier'] });
    const atelier = fiche('atelier', { type: 'dispositif' });
    expect(ficheSteps(catalogOf([both, rsa, franceTravail, atelier]), both)).toEqual({ before: [], after: [rsa] });
  });

  it('lists its own links first, then the fiches naming it in catalog order, whichever fiche is asked first', () => {
    const titre = fiche('titre', { stepsAfter: ['caf'] });
    const caf = fiche('caf', { stepsBefore: ['domiciliation'] });
    const domiciliation = fiche('domiciliation');
    const banque = fiche('banque', { stepsAfter: ['caf', 'caf'] });
    const logement = fiche('logement', { stepsBefore: ['caf'] });
    const linked = catalogOf([logement, titre, caf, domiciliation, banque]);
    expect(ficheSteps(linked, logement)).toEqual({ before: [caf], after: [] });
    expect(ficheSteps(linked, caf)).toEqual({ before: [domiciliation, titre, banque], after: [logement] });
    expect(ficheSteps(linked, domiciliation)).toEqual({ before: [], after: [caf] });
  });
});
