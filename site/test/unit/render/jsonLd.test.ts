import { describe, expect, it } from 'vitest';

import { ficheJsonLd, serializeJsonLd, type FicheJsonLdInput } from '../../../src/lib/render/jsonLd';

const base: FicheJsonLdInput = {
  type: 'demarche',
  url: 'https://passerelle.example/fr/demarches/carte-vitale/',
  name: 'Obtenir sa carte Vitale',
  description: 'La carte verte de l’Assurance Maladie.',
  inLanguage: 'fr',
  dateModified: '2026-11-27T17:04:49.590Z',
  lastReviewed: '2026-09-15T00:00:00.000Z',
  provider: { name: 'Assurance Maladie', kind: 'public-body', url: 'https://www.ameli.fr/' },
  location: { scope: 'france', departements: [] },
  availableLanguages: ['fr', 'en', 'ar'],
  serviceUrl: 'https://www.ameli.fr/',
  price: { free: true },
  breadcrumb: [
    { name: 'Accueil', url: 'https://passerelle.example/fr/' },
    { name: 'Se soigner', url: 'https://passerelle.example/fr/themes/health/' },
    { name: 'Obtenir sa carte Vitale', url: 'https://passerelle.example/fr/demarches/carte-vitale/' },
  ],
};

const nodeOfType = (graph: { '@type': string }[], type: string) => graph.find((node) => node['@type'] === type);

describe('ficheJsonLd', () => {
  it.each<[string, Partial<FicheJsonLdInput>, string, string]>([
    ['a démarche by a public body', {}, 'GovernmentService', 'GovernmentOrganization'],
    [
      'a dispositif by an association',
      { type: 'dispositif', provider: { name: 'Parole et langues', kind: 'association' } },
      'Service',
      'Organization',
    ],
    ['a démarche by a company', { provider: { name: 'Banque', kind: 'company' } }, 'GovernmentService', 'Organization'],
  ])('describes %s', (_name, overrides, serviceType, providerType) => {
    const { '@graph': graph } = ficheJsonLd({ ...base, ...overrides });
    const service = nodeOfType(graph, serviceType);
    expect(service).toBeDefined();
    expect(service).toMatchObject({ provider: { '@type': providerType } });
  });

  it.each<[string, FicheJsonLdInput['location'], unknown]>([
    ['national', { scope: 'france', departements: [] }, { '@type': 'Country', name: 'France' }],
    ['online', { scope: 'online', departements: [] }, { '@type': 'Country', name: 'France' }],
    [
      'local',
      { scope: 'departements', departements: [{ code: '69', name: 'Rhône' }] },
      [
        {
          '@type': 'AdministrativeArea',
          name: 'Rhône',
          identifier: '69',
          containedInPlace: { '@type': 'Country', name: 'France' },
        },
      ],
    ],
  ])('serves a %s area', (_name, location, expected) => {
    const service = ficheJsonLd({ ...base, location })['@graph'][1];
    expect(service?.areaServed).toEqual(expected);
  });

  it.each<[FicheJsonLdInput['price'], unknown]>([
    [{ free: true }, { '@type': 'Offer', price: 0, priceCurrency: 'EUR' }],
    [
      { free: false, amount: 15 },
      { '@type': 'Offer', price: 15, priceCurrency: 'EUR' },
    ],
    [{ free: false, amount: null }, undefined],
    [undefined, undefined],
  ])('price %j gives offers %j', (price, expected) => {
    expect(ficheJsonLd({ ...base, price })['@graph'][1]?.offers).toEqual(expected);
  });

  it('links the page, the service and a positioned breadcrumb', () => {
    const { '@graph': graph } = ficheJsonLd(base);
    expect(graph[0]).toMatchObject({
      '@type': 'WebPage',
      mainEntity: { '@id': `${base.url}#service` },
      breadcrumb: { '@id': `${base.url}#breadcrumb` },
    });
    expect(nodeOfType(graph, 'BreadcrumbList')).toMatchObject({
      '@id': `${base.url}#breadcrumb`,
      itemListElement: [{ position: 1 }, { position: 2 }, { position: 3, item: base.url }],
    });
  });
});

describe('serializeJsonLd', () => {
  it('cannot close its script element', () => {
    const json = serializeJsonLd({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>' });
  });
});
