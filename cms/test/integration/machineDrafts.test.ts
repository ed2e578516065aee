import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { markupToLexical } from '../../src/seed/markupToLexical';
import { recordsOf } from '../../src/translation/records';
import { createTaxonomy, frenchDemarche } from '../helpers/fixtures';
import { startFakeDeepL, startFakeLibreTranslate, type FakeProvider } from '../helpers/machineServers';
import { createTestPayload, type TestPayload } from '../helpers/payload';
import { restClient, type RestClient } from '../helpers/rest';
import { createUsersAndLogIn, type Role } from '../helpers/users';

/**
 * Machine drafts end to end: the REST endpoint, the real DeepL client and our LibreTranslate
 * client talking HTTP to local servers that speak those APIs (helpers/machineServers.ts), the
 * workflow's rule on unedited machine text, budgets and the glossary's sync.
 */
const context = { skipRebuild: true };
const deeplKey = 'cle-de-test:fx';
const libreKey = 'cle-libre';
const envNames = [
  'DEEPL_API_KEY',
  'DEEPL_API_URL',
  'LIBRETRANSLATE_URL',
  'LIBRETRANSLATE_API_KEY',
  'MACHINE_TRANSLATION_TIMEOUT_MS',
] as const;

let testPayload: TestPayload;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let taxonomy: { themeId: string; structureId: string };
let deepl: FakeProvider;
let libre: FakeProvider;
let linkedFiche: string;

function useDeepL() {
  for (const name of envNames) delete process.env[name];
  process.env.DEEPL_API_KEY = deeplKey;
  process.env.DEEPL_API_URL = deepl.url;
  process.env.MACHINE_TRANSLATION_TIMEOUT_MS = '800';
}

function useLibreTranslate() {
  for (const name of envNames) delete process.env[name];
  process.env.LIBRETRANSLATE_URL = libre.url;
  process.env.LIBRETRANSLATE_API_KEY = libreKey;
  process.env.MACHINE_TRANSLATION_TIMEOUT_MS = '800';
}

/** A section body with what must survive: bold, a link to another fiche, an outside link, a line break, a list. */
function richBody(direction: 'ltr' | 'rtl' = 'ltr') {
  const body = markupToLexical(
    `Demandez la **carte Vitale** sur [le site ameli](https://www.ameli.fr) ou lisez [la fiche PUMa](fiche:puma).\n\n- un passeport\n- un justificatif de domicile`,
    direction,
    () => linkedFiche,
  );
  // A line break inside the first paragraph (the seed markup has none).
  const first = body.root.children[0]!.children as { type: string; text?: string; version?: number }[];
  first.splice(2, 0, { type: 'linebreak', version: 1 });
  first[3]!.text = first[3]!.text!.trimStart();
  return body;
}

async function newFiche(title: string) {
  const fiche = await payload.create({
    collection: 'fiches',
    data: {
      ...frenchDemarche(taxonomy, title),
      how: [{ title: 'Faire la demande', body: richBody() as never }],
      _status: 'published',
    },
    context,
  });
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: fiche.id } }, { language: { equals: 'ar' } }] },
    depth: 0,
  });
  return docs[0]!;
}

const read = (id: string) => payload.findByID({ collection: 'translations', id, depth: 0 });
const usage = async (language = 'ar') =>
  (
    await payload.find({ collection: 'machine-translation-usage', where: { language: { equals: language } }, depth: 0 })
  ).docs.reduce((sum, row) => sum + (row.characters ?? 0), 0);
const draft = (id: string, role: Role | null, unit?: string) =>
  api('POST', `/translations/${id}/machine-draft`, { ...(role ? { token: tokens[role] } : {}), body: unit ? { unit } : {} });

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  taxonomy = await createTaxonomy(payload);
  tokens = await createUsersAndLogIn(payload, api, { a: taxonomy.structureId, b: taxonomy.structureId });
  linkedFiche = (
    await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'La PUMa'), _status: 'published' },
      context,
    })
  ).id;
  deepl = await startFakeDeepL(deeplKey);
  libre = await startFakeLibreTranslate(libreKey);
});

afterAll(async () => {
  for (const name of envNames) delete process.env[name];
  await deepl?.close();
  await libre?.close();
  await testPayload?.cleanup();
});

afterEach(async () => {
  deepl.mode = 'ok';
  libre.mode = 'ok';
  await payload.updateGlobal({ slug: 'machine-translation-settings', data: { monthlyBudgets: { ar: 1_000_000 } } as never });
});

describe('machine drafts', () => {
  it('is off without a provider: a French refusal, and no text leaves the server', async () => {
    for (const name of envNames) delete process.env[name];
    const translation = await newFiche('Sans traducteur automatique');
    const response = await draft(translation.id, 'translatorAr');
    expect(response.status).toBe(503);
    expect(response.body.message).toMatch(/n’est pas activée sur ce serveur/);
    expect(deepl.requests).toHaveLength(0);
    expect(libre.requests).toHaveLength(0);
    expect((await read(translation.id)).title ?? null).toBeNull();
  });

  it('drafts a whole fiche with DeepL: every unit marked, rich text kept, a proposal only', async () => {
    useDeepL();
    const translation = await newFiche('Obtenir sa carte Vitale');
    const response = await draft(translation.id, 'translatorAr');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.message).toMatch(/Brouillon DeepL enregistré pour \d+ éléments/);

    const translate = deepl.requests.find((request) => request.path === '/v2/translate')!;
    expect(translate.headers.authorization).toBe(`DeepL-Auth-Key ${deeplKey}`);
    expect(translate.form?.get('tag_handling')).toBe('html');
    expect(translate.form?.get('source_lang')).toBe('fr');
    expect(translate.form?.get('target_lang')).toBe('ar');

    const saved = await read(translation.id);
    expect(saved.status).toBe('inProgress');
    expect(saved.title).toBe('ar:Obtenir sa carte Vitale');
    const records = recordsOf(saved.units);
    expect(Object.keys(records).sort()).toEqual(['administrationName', 'how.0', 'next.0', 'summary', 'title', 'what.0']);
    for (const record of Object.values(records)) expect(record).toMatchObject({ origin: 'machine', machineProvider: 'DeepL' });

    // The same document, right to left, each text translated, links from the source.
    const expected = richBody('rtl');
    const prefix = (node: any): void => {
      if (node.type === 'text' && node.text.trim())
        node.text = node.text.startsWith(' ') ? ` ar:${node.text.slice(1)}` : `ar:${node.text}`;
      node.children?.forEach(prefix);
    };
    prefix(expected.root);
    expect(saved.how?.[0]?.title).toBe('ar:Faire la demande');
    expect(saved.how?.[0]?.body).toEqual(expected);
    // What reached the public fiche: nothing, until an expert validates.
    const arabic = await payload.findByID({
      collection: 'fiches',
      id: String(typeof saved.fiche === 'object' ? saved.fiche.id : saved.fiche),
      locale: 'ar',
      fallbackLocale: false,
      depth: 0,
    });
    expect(arabic.title ?? null).toBeNull();
    expect(await usage()).toBeGreaterThan(0);
  });

  it('offers drafts only when on and to who may ask; the records keep the machine mark', async () => {
    useDeepL();
    const translation = await newFiche('Badge et interrupteur');
    expect((await draft(translation.id, 'translatorAr', 'summary')).status).toBe(200);
    for (const name of envNames) delete process.env[name];
    // The side-by-side view's offer (machine/offer.ts): none when off, none for who may not ask.
    const { machineOfferFor } = await import('../../src/translation/machine/offer');
    const { machineProvider } = await import('../../src/translation/machine/config');
    const userOf = async (email: string) =>
      (await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 })).docs[0]!;
    const translator = await userOf('translatorar@example.test');
    const ask = { payload, language: 'ar' as const, translationId: translation.id, missing: 3 };
    expect(await machineOfferFor({ ...ask, user: translator })).toBeUndefined();
    useDeepL();
    expect(await machineOfferFor({ ...ask, user: translator })).toMatchObject({
      provider: 'DeepL',
      missing: 3,
      budget: { budget: expect.any(Number), used: expect.any(Number), month: expect.stringMatching(/^\d{4}-\d{2}$/) },
    });
    expect(await machineOfferFor({ ...ask, user: await userOf('editor@example.test') })).toBeUndefined();
    expect(await machineOfferFor({ ...ask, user: await userOf('translatoruk@example.test') })).toBeUndefined();
    expect(
      await machineOfferFor({ ...ask, language: 'ti', user: await userOf('admin@example.test'), provider: machineProvider() }),
    ).toBeUndefined();

    // The badge stays wherever the text appears, provider on or off: here, « Suivi par élément ».
    for (const name of envNames) delete process.env[name];
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { UnitRecordsTable } = await import('../../src/translation/components/UnitRecordsTable');
    const html = renderToStaticMarkup(await UnitRecordsTable({ data: await read(translation.id), payload } as never));
    expect(html).toContain('— traduction automatique (DeepL)');
  });

  it('refuses to validate unedited machine text until an expert confirms each unit', async () => {
    useDeepL();
    const translation = await newFiche('Ouvrir un compte bancaire');
    expect((await draft(translation.id, 'translatorAr', 'title')).status).toBe(200);
    expect((await draft(translation.id, 'translatorAr', 'summary')).status).toBe(200);

    const refused = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.expertAr,
      body: { status: 'validated' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/Brouillon automatique non relu : « Titre », « Résumé »/);
    expect((await read(translation.id)).status).toBe('inProgress');

    // A translator cannot confirm; an expert confirms the title, and edits the summary instead.
    expect(
      (
        await api('POST', `/translations/${translation.id}/machine-confirm`, {
          token: tokens.translatorAr,
          body: { unit: 'title' },
        })
      ).status,
    ).toBe(403);
    const confirmed = await api('POST', `/translations/${translation.id}/machine-confirm`, {
      token: tokens.expertAr,
      body: { unit: 'title' },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(
      (await api('POST', `/translations/${translation.id}/machine-confirm`, { token: tokens.expertAr, body: { unit: 'title' } }))
        .status,
    ).toBe(409);
    const edited = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.expertAr,
      body: { summary: 'ملخص راجعه خبير.', status: 'validated' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const saved = await read(translation.id);
    expect(saved.status).toBe('validated');
    const records = recordsOf(saved.units);
    expect(records.title).toMatchObject({
      origin: 'machine',
      machineConfirmedBy: expect.any(String),
      validatedAt: expect.any(String),
    });
    expect(records.summary?.origin).toBeNull();
  });

  it('sends the language’s glossary to DeepL once, and again only when the experts change it', async () => {
    useDeepL();
    // Only an expert of the language (or an admin) keeps its glossary; its translators read it.
    expect(
      (await api('POST', '/machine-glossaries', { token: tokens.translatorAr, body: { language: 'ar', entries: [] } })).status,
    ).toBe(403);
    expect(
      (await api('POST', '/machine-glossaries', { token: tokens.expertAr, body: { language: 'uk', entries: [] } })).status,
    ).toBe(403);
    const duplicate = await api('POST', '/machine-glossaries', {
      token: tokens.expertAr,
      body: {
        language: 'ar',
        entries: [
          { source: 'carte Vitale', target: 'x' },
          { source: 'Carte Vitale', target: 'y' },
        ],
      },
    });
    expect(duplicate.status).toBe(400);
    expect(JSON.stringify(duplicate.body)).toMatch(/Ligne 2 : « Carte Vitale » figure déjà ligne 1/);
    const created = await api('POST', '/machine-glossaries', {
      token: tokens.expertAr,
      body: { language: 'ar', entries: [{ source: 'carte Vitale', target: 'بطاقة فيتال' }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api('GET', '/machine-glossaries', { token: tokens.translatorUk })).body.docs).toHaveLength(0);
    expect((await api('GET', '/machine-glossaries', { token: tokens.translatorAr })).body.docs).toHaveLength(1);

    const translation = await newFiche('Renouveler sa carte Vitale');
    const before = deepl.requests.length;
    expect((await draft(translation.id, 'translatorAr', 'title')).status).toBe(200);
    const made = deepl.requests.slice(before).filter((request) => request.path === '/v2/glossaries');
    expect(made).toHaveLength(1);
    expect(made[0]!.form?.get('entries')).toBe('carte Vitale\tبطاقة فيتال');
    const firstId = [...deepl.glossaries.keys()].at(-1)!;
    expect(deepl.requests.at(-1)?.form?.get('glossary_id')).toBe(firstId);
    expect((await read(translation.id)).title).toBe('ar:Renouveler sa بطاقة فيتال');

    // Unchanged: the same DeepL glossary is used, none is made.
    const middle = deepl.requests.length;
    expect((await draft(translation.id, 'translatorAr', 'summary')).status).toBe(200);
    expect(deepl.requests.slice(middle).filter((request) => request.path === '/v2/glossaries')).toHaveLength(0);

    // Changed by the expert: a new glossary replaces the old one, which is deleted on DeepL.
    await api('PATCH', `/machine-glossaries/${created.body.doc.id}`, {
      token: tokens.expertAr,
      body: { entries: [{ source: 'carte Vitale', target: 'كارت فيتال' }] },
    });
    expect((await draft(translation.id, 'translatorAr', 'title')).status).toBe(200);
    expect(deepl.glossaries.has(firstId)).toBe(false);
    expect((await read(translation.id)).title).toBe('ar:Renouveler sa كارت فيتال');
  });

  it('enforces the monthly budget per language with a French refusal, before anything is sent', async () => {
    useDeepL();
    const translation = await newFiche('Demander l’aide au logement');
    await payload.updateGlobal({
      slug: 'machine-translation-settings',
      data: { monthlyBudgets: { ar: (await usage()) + 40 } } as never,
    });
    const before = deepl.requests.length;
    const refused = await draft(translation.id, 'translatorAr');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(
      /^Budget de traduction automatique dépassé pour l’arabe en \S+ \d{4} : .* il en reste 40 et cette demande en compte/,
    );
    expect(deepl.requests.length).toBe(before);
    expect((await read(translation.id)).title ?? null).toBeNull();
    // A short unit still fits (the title's 27 characters), and is counted.
    const used = await usage();
    const fits = await draft(translation.id, 'translatorAr', 'title');
    expect(fits.status, JSON.stringify(fits.body)).toBe(200);
    expect(fits.body.characters).toBe('Demander l’aide au logement'.length);
    expect(await usage()).toBe(used + fits.body.characters);
    await payload.updateGlobal({ slug: 'machine-translation-settings', data: { monthlyBudgets: { ar: 0 } } as never });
    const off = await draft(translation.id, 'translatorAr', 'summary');
    expect(off.status).toBe(429);
    expect(off.body.message).toMatch(/La traduction automatique vers l’arabe est désactivée \(budget mensuel à 0\)/);
  });

  it.each([
    ['quota', 503, /quota de caractères du compte DeepL est épuisé/],
    ['error', 502, /DeepL est en panne \(erreur 503\)/],
    ['hang', 504, /DeepL n’a pas répondu à temps/],
  ] as const)('DeepL %s: a clear French message, nothing saved, nothing charged', async (mode, status, message) => {
    useDeepL();
    const translation = await newFiche(`Panne DeepL ${mode}`);
    await draft(translation.id, 'translatorAr', 'what.0'); // the provider's languages are now known
    const before = await read(translation.id);
    const used = await usage();
    deepl.mode = mode;
    const response = await draft(translation.id, 'translatorAr', 'title');
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
    expect(response.body.message).toMatch(/Rien n’a été modifié/);
    const after = await read(translation.id);
    expect(after.title ?? null).toBeNull();
    expect(after.units).toEqual(before.units);
    expect(await usage()).toBe(used);
  });

  it('drafts through LibreTranslate’s /translate with format html, and keeps the rich text', async () => {
    useLibreTranslate();
    const translation = await newFiche('S’inscrire à France Travail');
    const response = await draft(translation.id, 'expertAr', 'how.0');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const request = libre.requests.find((entry) => entry.path === '/translate')!;
    expect(request.json).toMatchObject({ source: 'fr', target: 'ar', format: 'html', api_key: libreKey });
    expect(request.json.q).toEqual([
      'Faire la demande',
      '<p>Demandez la <strong>carte Vitale</strong><br>sur <a data-link="0">le site ameli</a> ou lisez <a data-link="1">la fiche PUMa</a>.</p><ul><li>un passeport</li><li>un justificatif de domicile</li></ul>',
    ]);
    const saved = await read(translation.id);
    const body = saved.how?.[0]?.body as any;
    expect(body.root.direction).toBe('rtl');
    expect(body.root.children[0].children.map((node: any) => node.type)).toEqual([
      'text',
      'text',
      'linebreak',
      'text',
      'link',
      'text',
      'link',
      'text',
    ]);
    expect(body.root.children[0].children[1]).toMatchObject({ text: 'ar:carte Vitale', format: 1 });
    expect(body.root.children[0].children[6].fields.doc.value).toBe(linkedFiche);
    expect(body.root.children[1]).toMatchObject({ type: 'list', listType: 'bullet' });
    expect(recordsOf(saved.units)['how.0']).toMatchObject({ origin: 'machine', machineProvider: 'LibreTranslate' });
  });

  it.each([
    ['quota', 503, /LibreTranslate refuse la demande : trop de demandes/],
    ['error', 502, /LibreTranslate est en panne \(erreur 500\)/],
    ['hang', 504, /LibreTranslate n’a pas répondu à temps/],
  ] as const)('LibreTranslate %s: a clear French message, nothing saved, nothing charged', async (mode, status, message) => {
    useLibreTranslate();
    const translation = await newFiche(`Panne LibreTranslate ${mode}`);
    await draft(translation.id, 'translatorAr', 'what.0');
    const used = await usage();
    libre.mode = mode;
    const response = await draft(translation.id, 'translatorAr', 'title');
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
    expect((await read(translation.id)).title ?? null).toBeNull();
    expect(await usage()).toBe(used);
  });

  it('drafts a document of a démarche after shared documents that have nothing to translate', async () => {
    useDeepL();
    const shared = await payload.create({
      collection: 'documents',
      data: { slug: 'titre-de-sejour-test', name: 'Titre de séjour' },
      context,
    });
    const fiche = await payload.create({
      collection: 'fiches',
      data: {
        ...frenchDemarche(taxonomy, 'Demander la prime d’activité'),
        noDocuments: false,
        documents: [
          { document: shared.id, need: 'required' },
          { name: 'Attestation de la CAF', note: 'de moins de 3 mois', need: 'required' },
        ],
        _status: 'published',
      } as never,
      context,
    });
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: fiche.id } }, { language: { equals: 'ar' } }] },
      depth: 0,
    });
    const response = await draft(docs[0]!.id, 'translatorAr', 'documents.1');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const saved = await read(docs[0]!.id);
    expect(saved.documents?.map(({ name, note }) => [name ?? null, note ?? null])).toEqual([
      [null, null],
      ['ar:Attestation de la CAF', 'ar:de moins de 3 mois'],
    ]);
  });

  it('is asked only by the language’s translators and experts, and admins', async () => {
    useDeepL();
    const translation = await newFiche('Qui peut demander un brouillon');
    const statuses: Record<string, number> = {};
    for (const role of [null, 'editor', 'contributorA', 'translatorUk', 'translatorAr', 'expertAr', 'admin'] as const) {
      statuses[role ?? 'anonymous'] = (await draft(translation.id, role, 'title')).status;
    }
    expect(statuses).toEqual({
      anonymous: 401,
      editor: 403,
      contributorA: 404,
      translatorUk: 404,
      translatorAr: 200,
      expertAr: 200,
      admin: 200,
    });
  });

  it('says when the provider does not translate into the language', async () => {
    useDeepL();
    const fiche = await payload.create({
      collection: 'fiches',
      data: { ...frenchDemarche(taxonomy, 'Langue absente'), _status: 'published' },
      context,
    });
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: fiche.id } }, { language: { equals: 'ti' } }] },
      depth: 0,
    });
    const response = await draft(docs[0]!.id, 'admin', 'title');
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('DeepL ne traduit pas du français vers le tigrigna.');
  });
});
