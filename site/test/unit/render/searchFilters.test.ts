import { describe, expect, it } from 'vitest';

import {
  ageBandsFor,
  departementValues,
  ficheSearchFilters,
  frenchLevelsFrom,
  isActiveSearch,
  pagefindFilters,
  parseSearchParams,
  searchParamsOf,
  statusesFor,
  type SearchQuery,
} from '../../../src/lib/render/searchFilters';

const everyStatus = ['asylum-seeker', 'refugee', 'subsidiary-protection', 'temporary-protection', 'stateless'];
const everyBand = ['0-5', '6-15', '16-25', '26-59', '60-plus'];

describe('frenchLevelsFrom', () => {
  it.each<[Parameters<typeof frenchLevelsFrom>[0], string[]]>([
    [null, ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']],
    [undefined, ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']],
    ['none', ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']],
    ['A2', ['A2', 'B1', 'B2', 'C1', 'C2']],
    ['C2', ['C2']],
  ])('a fiche needing %s is open to %j', (minimum, expected) => {
    expect(frenchLevelsFrom(minimum)).toEqual(expected);
  });
});

describe('ageBandsFor', () => {
  it.each<[Parameters<typeof ageBandsFor>[0], string[]]>([
    [null, everyBand],
    [{ min: null, max: null }, everyBand],
    [{ min: 18 }, ['16-25', '26-59', '60-plus']],
    [{ max: 3 }, ['0-5']],
    [{ min: 16, max: 25 }, ['16-25']],
    [{ min: 5, max: 6 }, ['0-5', '6-15']],
    [{ min: 60 }, ['60-plus']],
  ])('a fiche for ages %j is in bands %j', (age, expected) => {
    expect(ageBandsFor(age)).toEqual(expected);
  });
});

describe('statusesFor', () => {
  it.each<[Parameters<typeof statusesFor>[0], string[]]>([
    [['all'], everyStatus],
    [[], everyStatus],
    [null, everyStatus],
    [
      ['refugee', 'stateless'],
      ['refugee', 'stateless'],
    ],
    [
      ['stateless', 'refugee'],
      ['refugee', 'stateless'],
    ],
  ])('a fiche for %j matches readers who are %j', (statuses, expected) => {
    expect(statusesFor(statuses)).toEqual(expected);
  });
});

describe('departementValues', () => {
  it.each<[Parameters<typeof departementValues>[0], string[]]>([
    [{ scope: 'france', departements: [] }, ['france']],
    [{ scope: 'online', departements: null }, ['online']],
    [{ scope: 'departements', departements: ['31', '2A', '31'] }, ['31', '2A']],
    [{ scope: 'departements' }, []],
  ])('%j carries %j', (location, expected) => {
    expect(departementValues(location)).toEqual(expected);
  });
});

describe('ficheSearchFilters', () => {
  const lookup = {
    themes: new Map([
      ['t1', { slug: 'health' }],
      ['t2', { slug: 'family' }],
    ]),
    needs: new Map([['n1', { slug: 'childcare' }]]),
    structures: new Map([
      ['s1', { slug: 'caf' }],
      ['s2', { slug: 'maison-des-familles' }],
    ]),
  };
  const fiche = {
    id: 'f1',
    type: 'dispositif' as const,
    primaryTheme: 't2',
    secondaryThemes: ['t1', 't2'],
    needs: ['n1'],
    mainStructure: 's2',
    partnerStructures: ['s1'],
    infocards: {
      location: { scope: 'departements' as const, departements: ['38' as const] },
      publicStatus: ['all' as const],
      frenchLevel: 'A1' as const,
      age: { min: 0, max: 3 },
    },
  };

  it('gives every filter of a fiche in the order of the search form', () => {
    expect(ficheSearchFilters(fiche, lookup)).toEqual({
      type: ['dispositif'],
      theme: ['family', 'health'],
      need: ['childcare'],
      departement: ['38'],
      status: everyStatus,
      french: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
      age: ['0-5'],
      structure: ['maison-des-familles', 'caf'],
    });
  });

  it('names the fiche and the field of an unknown reference', () => {
    expect(() => ficheSearchFilters({ ...fiche, needs: ['n1', 'gone'] }, lookup)).toThrow('fiches f1 needs.1 refers to gone');
  });
});

describe('search URLs', () => {
  it.each<[string, SearchQuery]>([
    ['', { q: '', filters: {} }],
    ['?q=%20carte%20%20vitale%20', { q: 'carte vitale', filters: {} }],
    ['?q=logement&departement=31&theme=housing', { q: 'logement', filters: { departement: '31', theme: 'housing' } }],
    ['?theme=&unknown=1&theme=health', { q: '', filters: { theme: 'health' } }],
    ['?age=16-25&age=60-plus', { q: '', filters: { age: '16-25' } }],
  ])('reads %s', (search, expected) => {
    expect(parseSearchParams(new URLSearchParams(search))).toEqual(expected);
  });

  it('writes words first, then filters in the order of the form', () => {
    const params = searchParamsOf({ q: 'aide à domicile', filters: { structure: 'caf', theme: 'family', departement: '2A' } });
    expect(params.toString()).toBe('q=aide+%C3%A0+domicile&theme=family&departement=2A&structure=caf');
  });

  it('reads back what it writes', () => {
    const query: SearchQuery = { q: 'بطاقة', filters: { need: 'childcare', french: 'none', status: 'refugee' } };
    expect(parseSearchParams(searchParamsOf(query))).toEqual(query);
  });
});

describe('pagefindFilters', () => {
  it('matches a département together with the fiches valid everywhere', () => {
    expect(pagefindFilters({ departement: '31', theme: 'health' })).toEqual({
      theme: 'health',
      departement: { any: ['31', 'france', 'online'] },
    });
  });

  it('passes other filters as single values', () => {
    expect(pagefindFilters({ type: 'demarche', french: 'A2', age: '26-59' })).toEqual({
      type: 'demarche',
      french: 'A2',
      age: '26-59',
    });
  });
});

describe('isActiveSearch', () => {
  it.each<[SearchQuery, boolean]>([
    [{ q: '', filters: {} }, false],
    [{ q: 'caf', filters: {} }, true],
    [{ q: '', filters: { theme: 'health' } }, true],
  ])('%j → %s', (query, expected) => {
    expect(isActiveSearch(query)).toBe(expected);
  });
});
