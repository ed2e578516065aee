import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';
// The `xliff` library reads and writes the files as a CAT tool would: an independent reader.
import xliff from 'xliff';

import { markupToLexical } from '../../src/seed/markupToLexical';
import { recordsOf } from '../../src/translation/records';
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
let ficheA: string;
let ficheB: string;

async function translationOf(ficheId: string, language = 'ar') {
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
    depth: 0,
  });
  return docs[0]!;
}

/** The export answers XML: the JSON helper would not parse it. */
async function exportFile(query: string, token?: string) {
  const { REST_GET } = await import('@payloadcms/next/routes');
  const url = new URL(`http://localhost/api/translations/xliff-export?${query}`);
  const response = await REST_GET(testPayload.config)(
    new Request(url, { headers: token ? { authorization: `JWT ${token}` } : {} }),
    {
      params: Promise.resolve({ slug: ['translations', 'xliff-export'] }),
    },
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const importFile = (text: string, token?: string) => api('POST', '/translations/xliff-import', { token, body: { xliff: text } });

type Inline = string | Record<string, { id?: string; ctype?: string; contents?: Inline[] | Inline }>;
/** The agency's work: each French run of text replaced by its « translation », every tag kept where it was. */
function translateInline(
  value: Inline[] | Inline | undefined,
  translate: (text: string) => string,
): Inline[] | Inline | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((part) => translateInline(part, translate) as Inline);
  if (typeof value === 'string') return value.trim() ? translate(value) : value;
  return Object.fromEntries(
    Object.entries(value).map(([type, element]) => [
      type,
      { ...element, ...(element.contents !== undefined ? { contents: translateInline(element.contents, translate) } : {}) },
    ]),
  );
}

type JsUnit = {
  source?: Inline[] | Inline;
  target?: Inline[] | Inline;
  groupUnits?: Record<string, JsUnit>;
  additionalAttributes?: Record<string, string>;
};
function everyUnit(resources: Record<string, Record<string, JsUnit>>, visit: (id: string, unit: JsUnit) => void) {
  const walk = (units: Record<string, JsUnit>) => {
    for (const [id, unit] of Object.entries(units)) {
      if (unit.groupUnits) walk(unit.groupUnits);
      else visit(id, unit);
    }
  };
  for (const units of Object.values(resources)) walk(units);
}

const arabic = (text: string) => `ع ${text.trim()} ع`;

beforeAll(async () => {
  testPayload = await createTestPayload();
  payload = testPayload.payload;
  api = restClient(testPayload.config);
  const taxonomy = await createTaxonomy(payload);
  tokens = await createUsersAndLogIn(payload, api, { a: taxonomy.structureId, b: taxonomy.structureId });

  // Bold, a link, a list, and a line break inside a paragraph: the rich text an agency must keep.
  const how = item(
    'Faire la demande',
    'Connectez-vous à **votre compte** sur [ameli.fr](https://www.ameli.fr).\n\n- votre passeport\n- un justificatif de domicile',
  );
  const firstParagraph = (how.body as { root: { children: { children: unknown[] }[] } }).root.children[0]!;
  firstParagraph.children.push(
    { type: 'linebreak', version: 1 },
    { type: 'text', text: 'Gardez votre numéro.', format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
  );
  // A document of the fiche's own: its name and its note, two parts of one unit.
  const documents = [{ name: 'Lettre de la banque', note: 'de moins de 3 mois', need: 'required' as const }];
  const a = await payload.create({
    collection: 'fiches',
    data: {
      ...frenchDemarche(taxonomy, 'Obtenir sa carte Vitale'),
      how: [how],
      noDocuments: false,
      documents,
      _status: 'published',
    },
    context,
  });
  ficheA = a.id;

  // Fully validated in Arabic, then its French summary changes: only that unit is left to translate.
  const b = await payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche(taxonomy, 'Renouveler sa carte Vitale'), _status: 'published' },
    context,
  });
  ficheB = b.id;
  await payload.update({
    collection: 'translations',
    id: (await translationOf(ficheB)).id,
    data: {
      title: 'تجديد بطاقة فيتال',
      administrationName: 'التأمين الصحي',
      summary: 'ملخص',
      what: [item('بطاقة فيتال', 'بطاقة خضراء.', 'rtl')],
      how: [item('تقديم الطلب', 'ادخل إلى حسابك.', 'rtl')],
      next: [item('استلام البطاقة', 'تصل البطاقة بالبريد.', 'rtl')],
      status: 'validated',
    } as never,
    context,
  });
  await payload.update({
    collection: 'fiches',
    id: ficheB,
    locale: 'fr',
    data: { summary: 'La carte Vitale se renouvelle en ligne, sans frais.', _status: 'published' },
    context,
  });
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('XLIFF export', () => {
  it('is for editors, admins and the experts of the language, never for translators or contributors', async () => {
    expect((await exportFile('language=ar')).status).toBe(401);
    expect((await exportFile('language=ar', tokens.translatorAr)).status).toBe(403);
    expect((await exportFile('language=ar', tokens.contributorA)).status).toBe(403);
    expect((await exportFile('language=uk', tokens.expertAr)).status).toBe(403);
    expect((await exportFile('language=ar', tokens.expertAr)).status).toBe(200);
    expect((await exportFile('language=ar', tokens.editor)).status).toBe(200);
    expect((await exportFile('language=ar', tokens.admin)).status).toBe(200);
    const unknown = await exportFile('language=xx', tokens.editor);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).message).toMatch(/Choisissez la langue/);
  });

  it('writes the missing and outdated units as XLIFF 1.2 that the xliff library reads, with stable ids and the French fingerprint', async () => {
    const file = await exportFile('language=ar', tokens.editor);
    expect(file.headers.get('content-type')).toMatch(/xliff\+xml/);
    expect(file.headers.get('content-disposition')).toMatch(/passerelle-ar-\d{4}-\d{2}-\d{2}\.xlf/);
    const read = await xliff.xliff12ToJs(file.text);
    expect(read.sourceLanguage).toBe('fr');
    expect(read.targetLanguage).toBe('ar');
    expect(Object.keys(read.resources).sort()).toEqual([`fiches/${ficheA}`, `fiches/${ficheB}`].sort());
    // Fiche B: only its summary, whose French changed since the validation.
    expect(Object.keys(read.resources[`fiches/${ficheB}`]!)).toEqual([`${ficheB}:summary`]);
    const a = read.resources[`fiches/${ficheA}`] as Record<string, JsUnit>;
    expect(Object.keys(a)).toEqual([
      `${ficheA}:title`,
      `${ficheA}:administrationName`,
      `${ficheA}:summary`,
      `${ficheA}:what.0`,
      `${ficheA}:how.0`,
      `${ficheA}:next.0`,
      `${ficheA}:documents.0`,
    ]);
    expect(Object.keys(a[`${ficheA}:documents.0`]!.groupUnits!)).toEqual([
      `${ficheA}:documents.0:name`,
      `${ficheA}:documents.0:note`,
    ]);
    expect(a[`${ficheA}:title`]!.source).toBe('Obtenir sa carte Vitale');
    expect(a[`${ficheA}:title`]!.additionalAttributes?.['passerelle:fingerprint']).toMatch(/^[0-9a-f]{32}$/);
    const how = a[`${ficheA}:how.0`]!;
    expect(how.additionalAttributes?.['passerelle:fingerprint']).toMatch(/^[0-9a-f]{32}$/);
    expect(how.groupUnits![`${ficheA}:how.0:title`]!.source).toBe('Faire la demande');
    // The body's structure as placeholders: paragraph, bold, link, line break, list and items.
    const body = JSON.stringify(how.groupUnits![`${ficheA}:how.0:body`]!.source);
    for (const ctype of ['x-paragraph', 'bold', 'link', 'lb', 'x-list', 'x-listitem'])
      expect(body).toContain(`"ctype":"${ctype}"`);
    expect(body).not.toContain('ameli.fr)');
    expect(body).not.toContain('https://');
    // The same fiches export with the same ids.
    expect((await exportFile('language=ar', tokens.editor)).text.match(/id="[^"]+:[^"]+"/g)).toEqual(
      file.text.match(/id="[^"]+:[^"]+"/g),
    );
  });

  it('exports every unit of chosen fiches, named by id or slug', async () => {
    const { slug } = await payload.findByID({ collection: 'fiches', id: ficheB, locale: 'fr', depth: 0 });
    expect(slug).toBeTruthy();
    const bySlug = await exportFile(`language=ar&fiches=${slug}`, tokens.expertAr);
    expect((await xliff.xliff12ToJs(bySlug.text)).resources).toHaveProperty(`fiches/${ficheB}`);
    const file = await exportFile(`language=ar&fiches=${ficheB}`, tokens.expertAr);
    const read = await xliff.xliff12ToJs(file.text);
    expect(Object.keys(read.resources)).toEqual([`fiches/${ficheB}`]);
    expect(Object.keys(read.resources[`fiches/${ficheB}`]!)).toHaveLength(6);
  });
});

describe('XLIFF in the admin', () => {
  it('shows the export and import above the translations list to editors and experts, in their languages only', async () => {
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { XliffExchange } = await import('../../src/translation/components/XliffExchange');
    const editor = renderToStaticMarkup(XliffExchange({ user: { roles: ['editor'], languages: [] } })!);
    expect(editor).toContain('Échange XLIFF avec une agence de traduction');
    expect(editor).toContain('<option value="uk">');
    const expert = renderToStaticMarkup(XliffExchange({ user: { roles: ['expertTranslator'], languages: ['ar'] } })!);
    expect(expert.match(/<option value="[a-z]+"/g)).toEqual(['<option value="ar"']);
    expect(expert).toContain('<label for="xliff-file">');
    expect(XliffExchange({ user: { roles: ['translator'], languages: ['ar'] } })).toBeNull();
  });
});

describe('XLIFF import', () => {
  it('round trip: the targets written with the xliff library come back as proposals with their links, bold, list and line break', async () => {
    const exported = await exportFile('language=ar', tokens.editor);
    const read = await xliff.xliff12ToJs(exported.text);
    everyUnit(read.resources as never, (_id, unit) => {
      unit.target = translateInline(unit.source, arabic);
    });
    const agencyFile = await xliff.jsToXliff12(read);

    const before = await translationOf(ficheA);
    const publishedBefore = await payload.findByID({
      collection: 'fiches',
      id: ficheA,
      locale: 'ar',
      fallbackLocale: false,
      depth: 0,
    });
    const response = await importFile(agencyFile, tokens.editor);
    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({ imported: 8, unchanged: 0, frenchChanged: 0, invalid: 0 });
    expect(response.body.rows.map((row: { unit: string }) => row.unit)).toContain('how.0');

    const after = await translationOf(ficheA);
    expect(after.title).toBe(arabic('Obtenir sa carte Vitale'));
    expect(after.how?.[0]?.title).toBe(arabic('Faire la demande'));
    expect(after.documents?.map(({ name, note }) => ({ name, note }))).toEqual([
      { name: arabic('Lettre de la banque'), note: arabic('de moins de 3 mois') },
    ]);
    const body = after.how?.[0]?.body as unknown as {
      root: { direction: string; children: { type: string; direction?: string; children: Record<string, unknown>[] }[] };
    };
    expect(body.root.direction).toBe('rtl');
    const [paragraph, list] = body.root.children;
    expect(paragraph!.type).toBe('paragraph');
    expect(paragraph!.direction).toBe('rtl');
    const bold = paragraph!.children.find((node) => node.format === 1);
    expect(bold?.text).toBe(arabic('votre compte'));
    const link = paragraph!.children.find((node) => node.type === 'link') as {
      fields: { url: string };
      children: { text: string }[];
    };
    expect(link.fields.url).toBe('https://www.ameli.fr');
    expect(link.children[0]!.text).toBe(arabic('ameli.fr'));
    expect(paragraph!.children.some((node) => node.type === 'linebreak')).toBe(true);
    expect(list!.type).toBe('list');
    expect(list!.children.map((node) => (node.children as { text: string }[])[0]!.text)).toEqual([
      arabic('votre passeport'),
      arabic('un justificatif de domicile'),
    ]);

    // Proposals only: to review, marked as coming from a file, nothing validated nor published.
    expect(before.status).toBe('notStarted');
    expect(after.status).toBe('toReview');
    const records = recordsOf(after.units);
    expect(records['how.0']?.origin).toBe('xliff');
    expect(records['how.0']?.validatedAt ?? null).toBeNull();
    const publishedAfter = await payload.findByID({
      collection: 'fiches',
      id: ficheA,
      locale: 'ar',
      fallbackLocale: false,
      depth: 0,
    });
    expect(publishedAfter.title ?? null).toBe(publishedBefore.title ?? null);
    // Fiche B was validated: its new summary waits for review, the published one stays.
    const b = await translationOf(ficheB);
    expect(b.summary).toBe(arabic('La carte Vitale se renouvelle en ligne, sans frais.'));
    expect(b.status).toBe('toReview');
    expect(
      (await payload.findByID({ collection: 'fiches', id: ficheB, locale: 'ar', fallbackLocale: false, depth: 0 })).summary,
    ).toBe('ملخص');

    // The same file again: nothing to do.
    const again = await importFile(agencyFile, tokens.editor);
    expect(again.body.counts).toEqual({ imported: 0, unchanged: 8, frenchChanged: 0, invalid: 0 });
  });

  it('refuses the units whose French changed since the export and imports the others', async () => {
    const exported = await exportFile(`language=ar&fiches=${ficheA}`, tokens.expertAr);
    await payload.update({
      collection: 'fiches',
      id: ficheA,
      locale: 'fr',
      data: { summary: 'Un nouveau résumé de la carte Vitale.', _status: 'published' },
      context,
    });
    const read = await xliff.xliff12ToJs(exported.text);
    everyUnit(read.resources as never, (_id, unit) => {
      unit.target = translateInline(unit.source, (text) => `ب ${text.trim()}`);
    });
    const response = await importFile(await xliff.jsToXliff12(read), tokens.expertAr);
    expect(response.status).toBe(200);
    const summary = response.body.rows.find((row: { unit: string }) => row.unit === 'summary');
    expect(summary.outcome).toBe('frenchChanged');
    expect(summary.message).toMatch(/français a changé/);
    expect(response.body.counts.imported).toBe(6);
    expect((await translationOf(ficheA)).summary).toBe(
      arabic('La carte Vitale montre vos droits à l’Assurance Maladie chez le médecin et à la pharmacie.'),
    );
    expect((await translationOf(ficheA)).title).toBe('ب Obtenir sa carte Vitale');
  });

  it('reports a target whose tags are not the source’s as invalid markup, and imports the rest', async () => {
    const exported = await exportFile(`language=ar&fiches=${ficheA}`, tokens.editor);
    const withTargets = exported.text
      .replace(/<source xml:lang="fr">([^<]*)<\/source>/g, '<source xml:lang="fr">$1</source><target>ج $1</target>')
      .replace(
        /(<trans-unit id="[^"]+:how\.0:body"[^>]*>\s*<source xml:lang="fr">)(.*?)(<\/source>)/s,
        '$1$2$3<target><g id="99" ctype="bold">ج</g></target>',
      );
    const response = await importFile(withTargets, tokens.editor);
    expect(response.status).toBe(200);
    const how = response.body.rows.find((row: { unit: string }) => row.unit === 'how.0');
    expect(how.outcome).toBe('invalid');
    expect(how.message).toMatch(/Balisage invalide.*id="99"/);
    expect((await translationOf(ficheA)).title).toBe('ج Obtenir sa carte Vitale');
  });

  it('changes nothing on a malformed file, a file of another version, or ids it did not write', async () => {
    const exported = await exportFile(`language=ar&fiches=${ficheA}`, tokens.editor);
    const withTargets = exported.text.replace(
      /<source xml:lang="fr">([^<]*)<\/source>/g,
      '<source xml:lang="fr">$1</source><target>د $1</target>',
    );
    const before = await translationOf(ficheA);

    const truncated = await importFile(withTargets.slice(0, withTargets.length - 40), tokens.editor);
    expect(truncated.status).toBe(400);
    expect(truncated.body.message).toMatch(/Fichier illisible.*Rien n’a été importé/);
    const version = await importFile(withTargets.replace('version="1.2"', 'version="2.0"'), tokens.editor);
    expect(version.status).toBe(400);
    expect(version.body.message).toMatch(/XLIFF 1\.2/);
    const foreign = await importFile(withTargets.replace(`id="${ficheA}:summary"`, 'id="welcome-message"'), tokens.editor);
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/ne vient pas d’un export de Passerelle/);

    const entities = await importFile(
      withTargets.replace('<xliff ', '<!DOCTYPE xliff [<!ENTITY a "aaaa">]>\n<xliff '),
      tokens.editor,
    );
    expect(entities.status).toBe(400);
    expect(entities.body.message).toMatch(/DOCTYPE/);

    const after = await translationOf(ficheA);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.title).toBe(before.title);
  });

  it('is refused to translators and to experts of another language', async () => {
    const exported = await exportFile(`language=ar&fiches=${ficheA}`, tokens.editor);
    expect((await importFile(exported.text)).status).toBe(401);
    expect((await importFile(exported.text, tokens.translatorAr)).status).toBe(403);
    expect((await importFile(exported.text, tokens.translatorUk)).status).toBe(403);
    expect((await importFile(exported.text, tokens.contributorA)).status).toBe(403);
    expect((await importFile(exported.text, tokens.admin)).status).toBe(200);
  });
});
