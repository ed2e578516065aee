import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { markupToLexical } from '../../src/seed/markupToLexical';
import { memoryMatches } from '../../src/translation/memory/lookup';
import { piecesOf } from '../../src/translation/memory/segments';
import { recordsOf } from '../../src/translation/records';
import { coverage } from '../../src/translation/dashboard';
import { translatableContentOf, unitsOf, wordCount } from '../../src/translation/units';
import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';
import { createUsersAndLogIn, type Role } from '../helpers/users';

const context = { skipRebuild: true };
const item = (title: string, text: string, direction: 'ltr' | 'rtl' = 'ltr') => ({
  title,
  body: markupToLexical(text, direction, (key) => key) as never,
});

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let taxonomy: { themeId: string; structureId: string };

async function translationOf(ficheId: string, language: string) {
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
    depth: 0,
  });
  return docs[0]!;
}

/** The REST handlers answer CSV as text: the JSON helper would not parse it. */
async function fetchCsv(path: string, token: string) {
  const { REST_GET } = await import('@payloadcms/next/routes');
  const url = new URL(`http://localhost/api${path}`);
  const response = await REST_GET(testPayload.config)(new Request(url, { headers: { authorization: `JWT ${token}` } }), {
    params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function memoryOf(translationId: string) {
  const { docs } = await payload.find({
    collection: 'translation-memory',
    where: { translation: { equals: translationId } },
    pagination: false,
    depth: 0,
  });
  return docs;
}

async function matchesFor(ficheId: string, unit: Parameters<typeof piecesOf>[1], language = 'ar') {
  const french = translatableContentOf(
    await payload.findByID({ collection: 'fiches', id: ficheId, locale: 'fr', draft: true, depth: 0 }),
  );
  return memoryMatches(payload, { language, unit: piecesOf(french, unit)! });
}

// Two sentences per section item, as most of our fiches write them.
const frenchHow = 'Connectez-vous à votre compte ameli. Cliquez sur « Commander ma carte Vitale ».';
const arabicHow = 'ادخل إلى حسابك على ameli. انقر على « طلب بطاقة فيتال ».';
const frenchNext = 'La carte arrive par la poste en quelques semaines. Gardez-la toujours avec vous.';
const arabicNext = 'تصل البطاقة بالبريد خلال بضعة أسابيع. احتفظ بها دائماً معك.';

let ficheA: string;
let ficheB: string;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  taxonomy = await createTaxonomy(payload);
  tokens = await createUsersAndLogIn(payload, api, { a: taxonomy.structureId, b: taxonomy.structureId });

  const a = await payload.create({
    collection: 'fiches',
    data: {
      ...frenchDemarche(taxonomy, 'Obtenir sa carte Vitale'),
      how: [item('Faire la demande', frenchHow)],
      next: [item('Recevoir la carte', frenchNext)],
      _status: 'published',
    },
    context,
  });
  ficheA = a.id;
  const translation = await translationOf(ficheA, 'ar');
  await payload.update({
    collection: 'translations',
    id: translation.id,
    data: {
      title: 'الحصول على بطاقة فيتال',
      administrationName: 'التأمين الصحي (CPAM)',
      summary: 'تثبت بطاقة فيتال حقوقك في التأمين الصحي عند الطبيب وفي الصيدلية.',
      what: [item('بطاقة فيتال', 'بطاقة خضراء عليها صورتك.', 'rtl')],
      how: [item('تقديم الطلب', arabicHow, 'rtl')],
      next: [item('استلام البطاقة', arabicNext, 'rtl')],
      status: 'validated',
    } as never,
    context,
  });

  // Another fiche sharing sentences with the first: one unit identical, one with a word changed,
  // one made of sentences found in two different units of the first.
  const b = await payload.create({
    collection: 'fiches',
    data: {
      ...frenchDemarche(taxonomy, 'Renouveler sa carte Vitale'),
      summary: 'La carte Vitale montre vos droits à l’Assurance Maladie chez le médecin et à la pharmacie.',
      what: [item('La carte Vitale', 'Une carte bleue avec votre photo.')],
      how: [item('Faire la demande', 'Connectez-vous à votre compte ameli. Gardez-la toujours avec vous.')],
      _status: 'published',
    },
    context,
  });
  ficheB = b.id;
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('translation memory', () => {
  it('keeps each validated unit and its aligned sentences, per language', async () => {
    const translation = await translationOf(ficheA, 'ar');
    const rows = await memoryOf(translation.id);
    const how = rows.filter((row) => row.unit === 'how.0');
    expect(how.map((row) => [row.scope, row.french]).sort()).toEqual(
      [
        ['sentence', 'Faire la demande'],
        ['sentence', 'Connectez-vous à votre compte ameli.'],
        ['sentence', 'Cliquez sur « Commander ma carte Vitale ».'],
        ['unit', `Faire la demande ${frenchHow}`],
      ].sort(),
    );
    expect(how.find((row) => row.scope === 'unit')?.target).toBe(`تقديم الطلب\n${arabicHow}`);
    expect(rows.every((row) => row.language === 'ar')).toBe(true);
    // Languages nobody translated have nothing in the memory.
    expect(await memoryOf((await translationOf(ficheA, 'uk')).id)).toEqual([]);
  });

  it('finds an exact match of a unit in another fiche, at 100 %', async () => {
    const [best] = await matchesFor(ficheB, 'summary');
    expect(best).toMatchObject({
      similarity: 100,
      target: 'تثبت بطاقة فيتال حقوقك في التأمين الصحي عند الطبيب وفي الصيدلية.',
      kind: 'unit',
      fiche: ficheA,
    });
    expect(best!.differences.every((part) => part.kind === 'same')).toBe(true);
  });

  it('finds a fuzzy match with its similarity and the French differences marked', async () => {
    const [best] = await matchesFor(ficheB, 'what.0');
    expect(best!.similarity).toBeGreaterThanOrEqual(60);
    expect(best!.similarity).toBeLessThan(100);
    expect(best!.target).toBe('بطاقة فيتال\nبطاقة خضراء عليها صورتك.');
    expect(best!.differences).toContainEqual({ kind: 'removed', text: 'verte' });
    expect(best!.differences).toContainEqual({ kind: 'added', text: 'bleue' });
  });

  it('puts a unit together from sentences validated in different units', async () => {
    const matches = await matchesFor(ficheB, 'how.0');
    const assembled = matches.find((match) => match.kind === 'sentences');
    expect(assembled).toMatchObject({ similarity: 100, target: 'تقديم الطلب\nادخل إلى حسابك على ameli. احتفظ بها دائماً معك.' });
    expect(matches.length).toBeLessThanOrEqual(3);
  });

  it('offers nothing in another language, and nothing for French it has never seen', async () => {
    expect(await matchesFor(ficheB, 'summary', 'uk')).toEqual([]);
    const french = { summary: 'Un texte entièrement nouveau sur les impôts locaux et la taxe foncière.' };
    expect(await memoryMatches(payload, { language: 'ar', unit: piecesOf(french, 'summary')! })).toEqual([]);
  });

  it('inserts a match as a proposal for the translator, never as a validation', async () => {
    const translation = await translationOf(ficheB, 'ar');
    const [best] = await matchesFor(ficheB, 'how.0');
    const response = await api('POST', `/translations/${translation.id}/memory-proposal`, {
      token: tokens.translatorAr,
      body: { unit: 'how.0', target: best!.target },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.message).toContain('proposition');
    const after = await payload.findByID({ collection: 'translations', id: translation.id, depth: 0 });
    expect(after.status).toBe('inProgress');
    expect(after.how?.[0]?.title).toBe(best!.target.split('\n')[0]);
    expect(JSON.stringify(after.how?.[0]?.body)).toContain('ادخل إلى حسابك');
    expect(recordsOf(after.units)['how.0']?.origin).toBe('memory');
    expect(recordsOf(after.units)['how.0']?.validatedAt).toBeUndefined();
    // Nothing reaches the fiche in Arabic until an expert validates.
    const online = await payload.findByID({ collection: 'fiches', id: ficheB, locale: 'ar', fallbackLocale: false, depth: 0 });
    expect(online.how ?? []).toEqual([]);
  });

  it('refuses a text the memory does not offer, another language’s translator, and a missing unit, in French', async () => {
    const translation = await translationOf(ficheB, 'ar');
    const forged = await api('POST', `/translations/${translation.id}/memory-proposal`, {
      token: tokens.translatorAr,
      body: { unit: 'summary', target: 'نص مزور' },
    });
    expect(forged.status).toBe(409);
    expect(forged.body.message).toContain('n’est plus proposée');
    const [best] = await matchesFor(ficheB, 'summary');
    const stranger = await api('POST', `/translations/${translation.id}/memory-proposal`, {
      token: tokens.translatorUk,
      body: { unit: 'summary', target: best!.target },
    });
    expect(stranger.status).toBe(404);
    const anonymous = await api('POST', `/translations/${translation.id}/memory-proposal`, {
      body: { unit: 'summary', target: best!.target },
    });
    expect(anonymous.status).toBe(401);
    const incomplete = await api('POST', `/translations/${translation.id}/memory-proposal`, {
      token: tokens.translatorAr,
      body: { unit: 'nowhere' },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.message).toContain('Requête incomplète');
    expect((await payload.findByID({ collection: 'translations', id: translation.id, depth: 0 })).summary).toBeFalsy();
  });

  it('drops units whose French changed, and keeps them through a minor change', async () => {
    const translation = await translationOf(ficheA, 'ar');
    const before = await memoryOf(translation.id);
    await payload.update({
      collection: 'fiches',
      id: ficheA,
      data: { summary: 'La carte Vitale prouve vos droits chez le médecin.', _status: 'published' },
      context,
    });
    const afterChange = await memoryOf(translation.id);
    expect(afterChange.some((row) => row.unit === 'summary')).toBe(false);
    expect(afterChange.length).toBe(before.length - before.filter((row) => row.unit === 'summary').length);

    await payload.update({
      collection: 'fiches',
      id: ficheA,
      data: { title: 'Obtenir sa carte Vitale.', minorChange: true, _status: 'published' } as never,
      context,
    });
    const afterMinor = await memoryOf(translation.id);
    expect(afterMinor.find((row) => row.unit === 'title')?.french).toBe('Obtenir sa carte Vitale.');
  });

  it('counts the words to translate per language on the French source, new and outdated units', async () => {
    const wordsOf = async (id: string) =>
      [
        ...unitsOf(
          translatableContentOf(await payload.findByID({ collection: 'fiches', id, locale: 'fr', draft: true, depth: 0 })),
        ).values(),
      ].reduce((sum, unit) => sum + wordCount(unit.text), 0);
    const words = await coverage(payload);
    // Nobody translates Ukrainian: every French word of both fiches is left.
    expect(words.uk?.wordsToTranslate).toBe((await wordsOf(ficheA)) + (await wordsOf(ficheB)));
    // Arabic: fiche A validated but its summary outdated; fiche B with one unit proposed (not counted: written, under way).
    const frenchA = unitsOf(
      translatableContentOf(await payload.findByID({ collection: 'fiches', id: ficheA, locale: 'fr', draft: true, depth: 0 })),
    );
    const frenchB = unitsOf(
      translatableContentOf(await payload.findByID({ collection: 'fiches', id: ficheB, locale: 'fr', draft: true, depth: 0 })),
    );
    const leftInB = [...frenchB.values()]
      .filter((unit) => unit.key !== 'how.0')
      .reduce((sum, unit) => sum + wordCount(unit.text), 0);
    expect(words.ar?.wordsToTranslate).toBe(wordCount(frenchA.get('summary')!.text) + leftInB);
  });

  it('exports the words each translator proposed and had validated over a period, as CSV for editors', async () => {
    const translation = await translationOf(ficheB, 'ar');
    const validated = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.expertAr,
      body: { status: 'validated' },
    });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    const frenchB = unitsOf(
      translatableContentOf(await payload.findByID({ collection: 'fiches', id: ficheB, locale: 'fr', draft: true, depth: 0 })),
    );
    const howWords = wordCount(frenchB.get('how.0')!.text);

    const today = new Date().toISOString().slice(0, 10);
    const response = await fetchCsv(`/translations/word-counts?from=2026-01-01&to=${today}`, tokens.editor);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"Traducteur";"Adresse";"Langue";"Du";"Au";"Mots proposés";"Mots validés"');
    // The memory insertion twice would still count once; the validation pays the proposer.
    expect(lines).toContain(
      `"translatorAr";"translatorar@example.test";"العربية (ar)";"2026-01-01";"${today}";"${howWords}";"${howWords}"`,
    );

    // A period before the work: only the header.
    expect(
      (await fetchCsv('/translations/word-counts?from=2025-01-01&to=2025-01-31', tokens.editor)).text.trim().split('\r\n'),
    ).toHaveLength(1);
  });

  it('refuses the export to translators and a malformed period, in French', async () => {
    const translator = await fetchCsv('/translations/word-counts?from=2026-01-01&to=2026-12-31', tokens.translatorAr);
    expect(translator.status).toBe(403);
    const malformed = await fetchCsv('/translations/word-counts?from=hier&to=2026-12-31', tokens.editor);
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).message).toContain('AAAA-MM-JJ');
    const reversed = await fetchCsv('/translations/word-counts?from=2026-12-31&to=2026-01-01', tokens.editor);
    expect(JSON.parse(reversed.text).message).toContain('précéder');
  });

  it('forgets a deleted fiche’s translations', async () => {
    const translation = await translationOf(ficheA, 'ar');
    await payload.delete({ collection: 'fiches', id: ficheA, context });
    expect(await memoryOf(translation.id)).toEqual([]);
    expect(await matchesFor(ficheB, 'summary')).toEqual([]);
  });
});

describe('documents in the translation memory', () => {
  it('offers the shared list’s translation of a document name written in a fiche, and inserts it as the row’s name', async () => {
    const shared = await payload.create({
      collection: 'documents',
      data: { name: 'Titre de séjour' } as never,
      locale: 'fr',
      context,
    });
    await payload.update({ collection: 'documents', id: shared.id, data: { name: 'تصريح الإقامة' }, locale: 'ar', context });
    const fiche = await payload.create({
      collection: 'fiches',
      data: {
        ...frenchDemarche(taxonomy, 'Renouveler son titre de séjour'),
        noDocuments: false,
        documents: [{ name: 'Titre de séjour', need: 'required' }],
        _status: 'published',
      },
      context,
    });
    const [match] = await matchesFor(fiche.id, 'documents.0');
    expect(match).toMatchObject({ similarity: 100, target: 'تصريح الإقامة', kind: 'unit' });

    const translation = await translationOf(fiche.id, 'ar');
    const response = await api('POST', `/translations/${translation.id}/memory-proposal`, {
      token: tokens.translatorAr,
      body: { unit: 'documents.0', target: match!.target },
    });
    expect(response.status).toBe(200);
    const saved = await translationOf(fiche.id, 'ar');
    expect(saved.documents?.map(({ name, note }) => ({ name, note }))).toEqual([{ name: 'تصريح الإقامة', note: null }]);
    expect(recordsOf(saved.units)['documents.0']?.origin).toBe('memory');

    // The list's name changes: the memory follows; the document deleted, its pairs go.
    await payload.update({ collection: 'documents', id: shared.id, data: { name: 'بطاقة الإقامة' }, locale: 'ar', context });
    expect((await matchesFor(fiche.id, 'documents.0'))[0]?.target).toBe('بطاقة الإقامة');
    await payload.delete({ collection: 'documents', id: shared.id, context });
    expect(await matchesFor(fiche.id, 'documents.0')).toEqual([]);
  });

  it('keeps a fiche’s validated document (name and note) and offers it to another fiche', async () => {
    const documents = [{ name: 'Lettre de refus de la banque', note: 'si vous en avez une', need: 'sometimes' as const }];
    const first = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Ouvrir un compte bancaire'), noDocuments: false, documents, _status: 'published' },
      context,
    });
    const translation = await translationOf(first.id, 'ar');
    await payload.update({
      collection: 'translations',
      id: translation.id,
      data: {
        title: 'فتح حساب بنكي',
        administrationName: 'البنك',
        summary: 'ملخص',
        what: [item('بطاقة فيتال', 'بطاقة خضراء عليها صورتك.', 'rtl')],
        how: [item('تقديم الطلب', 'ادخل إلى حسابك على ameli.', 'rtl')],
        next: [item('استلام البطاقة', 'تصل البطاقة بالبريد خلال بضعة أسابيع.', 'rtl')],
        documents: [{ name: 'رسالة رفض البنك', note: 'إن كانت لديك' }],
        status: 'validated',
      } as never,
      context,
    });
    expect(
      (await memoryOf(translation.id))
        .filter((row) => row.unit === 'documents.0')
        .map((row) => [row.scope, row.french, row.target])
        .sort(),
    ).toEqual([
      ['sentence', 'Lettre de refus de la banque', 'رسالة رفض البنك'],
      ['sentence', 'si vous en avez une', 'إن كانت لديك'],
      ['unit', 'Lettre de refus de la banque si vous en avez une', 'رسالة رفض البنك\nإن كانت لديك'],
    ]);
    const second = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Changer de banque'), noDocuments: false, documents, _status: 'published' },
      context,
    });
    expect((await matchesFor(second.id, 'documents.0'))[0]).toMatchObject({
      similarity: 100,
      target: 'رسالة رفض البنك\nإن كانت لديك',
    });
  });
});
