import { describe, expect, it } from 'vitest';

import { normalizeDepartement, servesDepartement } from '../../src/client/embedFilter';
import { embedSnippet, embedUrl } from '../../src/lib/embedSnippet';

describe('normalizeDepartement', () => {
  it.each<[string | null, string | undefined]>([
    ['31', '31'],
    [' 2a ', '2A'],
    ['974', '974'],
    ['', undefined],
    [null, undefined],
    ['toulouse', undefined],
    ['3', undefined],
    ['31<script>', undefined],
  ])('%j → %j', (value, expected) => {
    expect(normalizeDepartement(value)).toBe(expected);
  });
});

describe('servesDepartement', () => {
  it.each<[string, { scope?: string; departements?: string }, string, boolean]>([
    ['a national fiche serves every département', { scope: 'france' }, '31', true],
    ['an online fiche serves every département', { scope: 'online' }, '974', true],
    ['a local fiche serves its own départements', { scope: 'departements', departements: '31 38' }, '38', true],
    ['a local fiche serves no other', { scope: 'departements', departements: '31 38' }, '3', false],
    ['a code is matched whole, not as a prefix', { scope: 'departements', departements: '31' }, '3', false],
    ['a local fiche without départements serves none', { scope: 'departements' }, '31', false],
  ])('%s', (_name, item, code, expected) => {
    expect(servesDepartement(item, code)).toBe(expected);
  });
});

describe('the embed snippet', () => {
  it('points at the list of the language and theme, with the département as a parameter', () => {
    expect(embedUrl({ siteUrl: 'https://passerelle.example', locale: 'ar', theme: 'health', departement: '31' })).toBe(
      'https://passerelle.example/embed/ar/health/?departement=31',
    );
    expect(embedUrl({ siteUrl: 'https://example.org/passerelle/', locale: 'fr', theme: undefined, departement: undefined })).toBe(
      'https://example.org/passerelle/embed/fr/tous/',
    );
  });

  it('is an iframe with an escaped accessible name, no inline style, sandboxed but able to open new tabs', () => {
    const snippet = embedSnippet({
      siteUrl: 'https://passerelle.example',
      locale: 'fr',
      theme: 'work',
      departement: '2A',
      title: 'Fiches "Passerelle" & co',
    });
    expect(snippet).toBe(
      '<iframe src="https://passerelle.example/embed/fr/work/?departement=2A" title="Fiches &quot;Passerelle&quot; &amp; co" width="100%" height="600" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>',
    );
    expect(snippet).not.toContain('style=');
  });
});
