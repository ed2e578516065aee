/**
 * The hostile-input suite (issue 16), end to end with one build: hostile texts go in through the
 * CMS REST API as an editor, a contributor (published by an editor) and a translator (validated
 * by an expert), into every text an editor writes; each is either refused with a French message
 * or published. The published content is exported through the same REST handlers, the site is
 * built once from that snapshot, and Chromium then loads every page that shows an input: no
 * script may run, no element or attribute may be injected, every JSON-LD block must parse, and
 * the Atom feeds and the open data must parse and carry the text as it was written.
 *
 * The CMS runs in-process (as the cms integration tests boot it) and the site is served to
 * Chromium from the build folder by request interception, without the static server's CSP: what
 * is checked is the escaping, not the policy that would hide a failure of it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REST_GET } from '@payloadcms/next/routes';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { themeIds } from '@passerelle/content-schemas';

import { createTestPayload, type TestPayload } from '../../cms/test/helpers/payload';
import { restClient, type RestClient, type RestResponse } from '../../cms/test/helpers/rest';
import { createUsersAndLogIn, type Role } from '../../cms/test/helpers/users';
import { launchChromium } from '../src/browser';
import { exportSnapshot } from '../src/export';
import { buildSiteWithNpm } from '../src/siteBuild';

const cmsUrl = 'http://cms.test';
const siteUrl = 'http://passerelle.test';

/** Sets `window.__hostile`, opens a dialog, or reaches for another host, if it ever runs. */
const run = 'window.__hostile=1;alert(1)';
export const hostileInputs: readonly string[] = [
  `<script>${run}</script>`,
  `<img src=x onerror="${run}">`,
  `<svg onload=${run}>`,
  `"><script>${run}</script>`,
  `'><img src=x onerror=${run}>`,
  `</script><script>${run}</script>`,
  `</SCRIPT ><script>${run}</script>`,
  `<!--<script>${run}</script>-->`,
  `<iframe src="javascript:top.__hostile=1"></iframe>`,
  `<a href="javascript:${run}">cliquez</a>`,
  `javascript:${run}`,
  `JaVaScRiPt:${run}`,
  `data:text/html,<script>${run}</script>`,
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19ob3N0aWxlPTE8L3NjcmlwdD4=',
  'vbscript:msgbox(1)',
  `<body onload=${run}>`,
  `<details open ontoggle=${run}>`,
  `<input autofocus onfocus=${run}>`,
  `<math><mi xlink:href="javascript:${run}">x</mi></math>`,
  '<style>body{display:none}</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<form action=https://evil.example/><button>Envoyer</button></form>',
  `{{constructor.constructor("${run}")()}}`,
  '${window.__hostile=1}',
  `]]><script>${run}</script><![CDATA[`,
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  '&lt;script&gt;window.__hostile=1&lt;/script&gt; &amp;&#x3C;&#60;&quot;&apos;',
  'Tom & Jerry < > " \' fin',
  `</title><script>${run}</script>`,
  '</summary></entry><entry><title>Entrée forgée</title>',
  `</textarea><script>${run}</script>`,
  `<noscript><p title="</noscript><img src=x onerror=${run}>">`,
  `<scr<script>ipt>${run}</scr</script>ipt>`,
  `\\u003cscript\\u003e${run}\\u003c/script\\u003e`,
  `%3Cscript%3E${run}%3C/script%3E`,
  `*/${run};/*`,
  "' OR 1=1 --",
  '{"$gt": ""}',
  '../../../../etc/passwd',
  'caractère nul \u0000 ici',
  'contrôles \u0001\u0002\u0003\u0007\u0008\u000b\u000c\u001b\u007f fin',
  'retour\r\nchariot\ttabulation',
  'séparateurs JSON \u2028 et \u2029 fin',
  '\uFEFF marque d’ordre des octets',
  'non-caractères \uFFFE et \uFFFF fin',
  'demi-paire \uD800 seule',
  'Inversion \u202Egnp.exe\u202C fin',
  'Isolats \u2066\u2067\u2068\u2069 marques \u200F\u200E fin',
  'Largeur nulle \u200B\u200C\u200D fin',
  `عربي مع <script>${run}</script>`,
  'Emoji 👩🏽‍⚕️🇫🇷 et accents combinés e\u0301\u0301\u0301',
  'x'.repeat(100_000),
  '<b>'.repeat(5_000),
  '   ',
];

type Outcome = { input: number; who: string; field: string; refused: boolean; message?: string };

let testPayload: TestPayload;
let api: RestClient;
let tokens: Record<Role, string>;
let workDir: string;
let browser: Browser;
const outcomes: Outcome[] = [];
const timings: Record<string, number> = {};
/** Fiches published with a hostile input, by input index. */
const published = new Map<number, { id: string; translated: boolean }>();
let benignFicheId: string;

const lexicalText = (text: string) => ({ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' });
const paragraph = (...children: unknown[]) => ({
  type: 'paragraph',
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  children,
});
const richText = (...children: unknown[]) => ({
  root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children },
});
const link = (url: string, text: string) => ({
  type: 'link',
  version: 3,
  direction: 'ltr',
  format: '',
  indent: 0,
  fields: { linkType: 'custom', url, newTab: false },
  children: [lexicalText(text)],
});

/** A section item carrying the input in its title, its text and a link (its address when it is one). */
function hostileItem(input: string, n: number) {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(input.trim())
    ? input
    : `https://example.org/recherche?q=${encodeURIComponent(input.slice(0, 200).replace(/[\ud800-\udfff]/g, '?'))}`;
  return {
    title: input,
    body: richText(paragraph(lexicalText(input), lexicalText(` (élément ${n})`)), paragraph(link(url, input || 'lien'))),
  };
}

const isFrench = (message: string) =>
  /[àâçéèêëîïôûùüœ’«]|\b(le|la|les|des|une?|est|doit|cette|ce|pas|au plus|caractères)\b/i.test(message);

function fieldErrors(response: RestResponse): { path: string; message: string }[] {
  const errors = (response.body?.errors ?? []) as { data?: { errors?: { path: string; message: string }[] }; message?: string }[];
  return errors.flatMap((error) => error.data?.errors ?? (error.message ? [{ path: '', message: error.message }] : []));
}

/**
 * Sends a write; on refusal every field error must be in French, and the refused fields are
 * replaced by the caller's safe values before trying again, so the rest of the input goes on.
 */
async function writeWithRefusals(
  input: number,
  who: string,
  send: (body: Record<string, unknown>) => Promise<RestResponse>,
  body: Record<string, unknown>,
  safe: (field: string) => unknown,
): Promise<RestResponse> {
  let current = { ...body };
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const response = await send(current);
    if (response.status < 400) {
      for (const field of Object.keys(current))
        if (!outcomes.some((o) => o.input === input && o.who === who && o.field === field))
          outcomes.push({ input, who, field, refused: false });
      return response;
    }
    const errors = fieldErrors(response);
    if (response.status !== 400 || errors.length === 0)
      throw new Error(`input ${input} (${who}): HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 800)}`);
    current = { ...current };
    for (const error of errors) {
      const field = error.path.split('.')[0] ?? '';
      outcomes.push({ input, who, field, refused: true, message: error.message });
      // A draft is saved without validation: its fields are checked when an editor publishes it.
      current[field] = safe(field);
    }
  }
  throw new Error(`input ${input} (${who}): still refused after replacing the refused fields`);
}

/** Safe values that complete a fiche for publication when the hostile one is refused. */
function safeFicheValue(field: string, n: number): unknown {
  const item = (title: string) => ({ title, body: richText(paragraph(lexicalText(`${title} : texte de remplacement.`))) });
  switch (field) {
    case 'title':
      return `Fiche de remplacement ${n}`;
    case 'summary':
      return 'Résumé de remplacement.';
    case 'brandName':
    case 'administrationName':
      return 'Nom de remplacement';
    case 'why':
      return [item('Premier'), item('Deuxième'), item('Troisième')];
    case 'what':
    case 'how':
    case 'next':
      return [item('Élément')];
    case 'documents':
      return [{ name: 'Pièce d’identité', need: 'required' }];
    default:
      return null;
  }
}

async function createTaxonomy(editor: string) {
  const themes: string[] = [];
  const needs: string[] = [];
  const structures: string[] = [];
  for (const [k, slug] of themeIds.entries()) {
    const input = (k * 7 + 3) % hostileInputs.length;
    const name = hostileInputs[input]!;
    const theme = await writeWithRefusals(
      input,
      'editor:theme',
      (body) => api('POST', '/themes', { token: editor, body }),
      { slug, name, color: 'green-menthe', icon: 'fr-icon-heart-pulse-line' },
      () => `Thème ${slug}`,
    );
    themes.push(theme.body.doc.id);
    const needInput = (k * 5 + 11) % hostileInputs.length;
    const need = await writeWithRefusals(
      needInput,
      'editor:need',
      (body) => api('POST', '/needs', { token: editor, body }),
      { slug: `besoin-${k}`, name: hostileInputs[needInput]!, theme: theme.body.doc.id },
      () => `Besoin ${k}`,
    );
    needs.push(need.body.doc.id);
    const structureInput = (k * 11 + 1) % hostileInputs.length;
    const text = hostileInputs[structureInput]!;
    const logo = await uploadLogo(editor, structureInput, k);
    const structure = await writeWithRefusals(
      structureInput,
      'editor:structure',
      (body) => api('POST', '/structures', { token: editor, body }),
      { slug: `structure-${k}`, name: text, acronym: text, description: text, kind: 'association', status: 'active', logo },
      (field) => (field === 'name' ? `Structure ${k}` : null),
    );
    structures.push(structure.body.doc.id);
  }
  return { themes, needs, structures };
}

// A 4×4 PNG made with sharp.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVR4nGMwXlUORwzEcQAkkhVBLiKSpgAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadLogo(editor: string, input: number, k: number): Promise<string> {
  const { REST_POST } = await import('@payloadcms/next/routes');
  const send = async (body: Record<string, unknown>): Promise<RestResponse> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `logo-${k}.png`);
    form.append('_payload', JSON.stringify(body));
    const request = new Request(`${cmsUrl}/api/media`, {
      method: 'POST',
      headers: { authorization: `JWT ${editor}` },
      body: form,
    });
    const response = await REST_POST(testPayload.config)(request, { params: Promise.resolve({ slug: ['media'] }) });
    return { status: response.status, body: await response.json() };
  };
  const response = await writeWithRefusals(
    input,
    'editor:alt',
    send,
    { alt: hostileInputs[input]! },
    () => `Logo de la structure ${k}`,
  );
  return response.body.doc.id;
}

/** Who writes input n: the editor, a contributor (an editor publishes), or the editor with a translator and an expert. */
const authorOf = (n: number) => (['editor', 'contributor', 'translator'] as const)[n % 3]!;

async function publishHostileFiche(
  n: number,
  taxonomy: Awaited<ReturnType<typeof createTaxonomy>>,
  structureA: string,
): Promise<void> {
  const input = hostileInputs[n]!;
  const author = authorOf(n);
  const dispositif = author === 'contributor' || n % 2 === 0;
  const content: Record<string, unknown> = {
    type: dispositif ? 'dispositif' : 'demarche',
    title: `${input} ·${n}`,
    summary: input,
    [dispositif ? 'brandName' : 'administrationName']: input,
    what: [hostileItem(input, 1)],
    how: [hostileItem(input, 2)],
    ...(dispositif
      ? { why: [hostileItem(input, 3), hostileItem(input, 4), hostileItem(input, 5)] }
      : { next: [hostileItem(input, 6)], documents: [{ name: input, note: input, need: 'required' }] }),
    changeNote: input,
    slug: input,
    externalLink: input,
  };
  const classification = {
    infocards: { location: { scope: 'france' } },
    primaryTheme: taxonomy.themes[n % taxonomy.themes.length],
    needs: [taxonomy.needs[n % taxonomy.needs.length]],
    mainStructure: author === 'contributor' ? structureA : taxonomy.structures[n % taxonomy.structures.length],
  };
  const safe = (field: string) => safeFicheValue(field, n);
  let id: string;
  if (author === 'contributor') {
    const created = await writeWithRefusals(
      n,
      'contributor',
      (body) => api('POST', '/fiches?draft=true', { token: tokens.contributorA, body }),
      { ...content, ...classification },
      safe,
    );
    id = created.body.doc.id;
    // The editor publishes what the structure proposed, as it stands.
    await writeWithRefusals(
      n,
      'editor:publish',
      (body) => api('PATCH', `/fiches/${id}`, { token: tokens.editor, body }),
      { _status: 'published' },
      safe,
    );
  } else {
    const created = await writeWithRefusals(
      n,
      'editor',
      (body) => api('POST', '/fiches', { token: tokens.editor, body }),
      { ...content, ...classification, _status: 'published' },
      safe,
    );
    id = created.body.doc.id;
  }
  const fiche = await testPayload.payload.findByID({ collection: 'fiches', id, depth: 0 });
  expect(fiche._status, `input ${n}`).toBe('published');
  let translated = false;
  if (author === 'translator') {
    const translation = (
      await testPayload.payload.find({
        collection: 'translations',
        where: { and: [{ fiche: { equals: id } }, { language: { equals: 'ar' } }] },
        depth: 0,
      })
    ).docs[0]!;
    const proposal: Record<string, unknown> = {
      title: `${input} ·${n} عربي`,
      summary: input,
      [dispositif ? 'brandName' : 'administrationName']: input,
      what: (fiche.what ?? []).map((_, index) => hostileItem(input, 10 + index)),
      how: (fiche.how ?? []).map((_, index) => hostileItem(input, 20 + index)),
      ...(dispositif
        ? { why: (fiche.why ?? []).map((_, index) => hostileItem(input, 30 + index)) }
        : { next: (fiche.next ?? []).map((_, index) => hostileItem(input, 40 + index)) }),
      status: 'toReview',
    };
    await writeWithRefusals(
      n,
      'translator',
      (body) => api('PATCH', `/translations/${translation.id}`, { token: tokens.translatorAr, body }),
      proposal,
      (field) => (field === 'title' ? `ترجمة ${n}` : field === 'status' ? 'toReview' : safeFicheValue(field, n)),
    );
    const validated = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.expertAr,
      body: { status: 'validated' },
    });
    expect(validated.status, JSON.stringify(validated.body).slice(0, 500)).toBe(200);
    translated = true;
  }
  published.set(n, { id, translated });
}

/** The snapshot export over the REST handlers, without a server: what `npm run export` reads. */
function inProcessFetch(): typeof fetch {
  const get = REST_GET(testPayload.config);
  return (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const slug = url.pathname.replace(/^\/api\//, '').split('/');
    return get(new Request(url), { params: Promise.resolve({ slug }) });
  }) as typeof fetch;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function distFile(pathname: string): string {
  const decoded = decodeURIComponent(pathname);
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = path.join(workDir, 'dist', relative);
  if (!file.startsWith(path.join(workDir, 'dist'))) throw new Error(`outside the build: ${pathname}`);
  return file;
}

const distText = (pathname: string) => readFileSync(distFile(pathname), 'utf8');

type PageReport = { dialogs: string[]; errors: string[]; offHost: string[] };

async function openPage(pathname: string): Promise<{ page: Page; report: PageReport }> {
  const page = await browser.newPage();
  const report: PageReport = { dialogs: [], errors: [], offHost: [] };
  page.on('dialog', (dialog) => {
    report.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => report.errors.push(error.message));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== siteUrl) {
      report.offHost.push(url.href);
      return route.abort();
    }
    try {
      const file = distFile(url.pathname);
      return await route.fulfill({
        status: 200,
        body: readFileSync(file),
        contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream',
      });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.goto(`${siteUrl}${pathname}`, { waitUntil: 'load' });
  return { page, report };
}

/** Anything the inputs could have injected into the DOM, found by looking rather than by matching text. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
      }
    }
    for (const anchor of Array.from(
      document.querySelectorAll('a[href], area[href], form[action], iframe, object, embed, base, meta[http-equiv]'),
    )) {
      const target = anchor.getAttribute('href') ?? anchor.getAttribute('action') ?? anchor.tagName;
      let host = '';
      try {
        host = new URL(target, location.href).hostname;
      } catch {
        // not a URL: checked by the protocol test below
      }
      if (
        /^(iframe|object|embed|base|meta)$/i.test(anchor.tagName) ||
        /^\s*(javascript|data|vbscript):/i.test(target) ||
        host === 'evil.example'
      )
        found.push(`${anchor.tagName} ${target.slice(0, 80)}`);
    }
    for (const script of Array.from(document.querySelectorAll('script'))) {
      if (script.type === 'application/ld+json') {
        try {
          JSON.parse(script.textContent ?? '');
        } catch {
          found.push('JSON-LD that does not parse');
        }
      } else if ((script.textContent ?? '').includes('__hostile')) found.push('a script with an input in it');
    }
    for (const style of Array.from(document.querySelectorAll('style, link[rel=stylesheet]'))) {
      if ((style.textContent ?? '').includes('display:none') || /evil/.test(style.getAttribute('href') ?? ''))
        found.push('an injected style');
    }
    if ((window as unknown as { __hostile?: unknown }).__hostile !== undefined) found.push('window.__hostile was set');
    return found;
  });
}

beforeAll(async () => {
  const started = Date.now();
  workDir = mkdtempSync(path.join(tmpdir(), 'passerelle-hostile-'));
  testPayload = await createTestPayload();
  api = restClient(testPayload.config);
  const context = { skipRebuild: true };
  const structureA = await testPayload.payload.create({
    collection: 'structures',
    data: { slug: 'partenaire-a', name: 'Structure partenaire A', kind: 'association', status: 'active' },
    context,
  });
  const structureB = await testPayload.payload.create({
    collection: 'structures',
    data: { slug: 'partenaire-b', name: 'Structure partenaire B', kind: 'association', status: 'active' },
    context,
  });
  tokens = await createUsersAndLogIn(testPayload.payload, api, { a: structureA.id, b: structureB.id });
  const taxonomy = await createTaxonomy(tokens.editor);
  // Three writers at a time, as three people working in the admin at once: the CMS phase is most
  // of the suite's time.
  const queue = hostileInputs.map((_, n) => n);
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) await publishHostileFiche(n, taxonomy, structureA.id);
    }),
  );
  // Publishing goes on after every hostile input: an ordinary fiche published last.
  const benign = await api('POST', '/fiches', {
    token: tokens.editor,
    body: {
      type: 'demarche',
      title: 'Ouvrir un compte bancaire',
      summary: 'Les étapes pour ouvrir un compte dans une banque.',
      administrationName: 'Banque de France',
      what: [{ title: 'Le compte', body: richText(paragraph(lexicalText('Un compte pour recevoir un salaire.'))) }],
      how: [{ title: 'La demande', body: richText(paragraph(lexicalText('Prenez rendez-vous avec une pièce d’identité.'))) }],
      next: [{ title: 'Ensuite', body: richText(paragraph(lexicalText('La carte arrive par la poste.'))) }],
      documents: [{ name: 'Pièce d’identité', need: 'required' }],
      infocards: { location: { scope: 'france' } },
      primaryTheme: taxonomy.themes[0],
      mainStructure: structureA.id,
      _status: 'published',
    },
  });
  expect(benign.status, JSON.stringify(benign.body).slice(0, 500)).toBe(201);
  benignFicheId = benign.body.doc.id;
  timings.cms = Date.now() - started;

  const exported = Date.now();
  await exportSnapshot({ cmsUrl, snapshotDir: path.join(workDir, 'snapshot'), fetchImpl: inProcessFetch() });
  timings.export = Date.now() - exported;
  const built = Date.now();
  const log: string[] = [];
  try {
    await buildSiteWithNpm({
      snapshotDir: path.join(workDir, 'snapshot'),
      siteUrl,
      outDir: path.join(workDir, 'dist'),
      log: (line) => log.push(line),
    });
  } catch (error) {
    throw new Error(`the site build failed on the hostile content: ${String(error)}\n${log.slice(-60).join('\n')}`);
  }
  timings.build = Date.now() - built;
  browser = await launchChromium();
}, 20 * 60_000);

afterAll(async () => {
  await browser?.close();
  await testPayload?.cleanup();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  console.log(
    `hostile-input suite: CMS ${timings.cms} ms, export ${timings.export} ms, build ${timings.build} ms, ${outcomes.filter((o) => o.refused).length} refusals`,
  );
}, 60_000);

type SnapshotFiche = { id: string; type: string; slug: string; title: Record<string, string | undefined> };
const snapshotFiches = () => JSON.parse(readFileSync(path.join(workDir, 'snapshot', 'fiches.json'), 'utf8')) as SnapshotFiche[];
const ficheUrl = (fiche: SnapshotFiche, lang: string) =>
  `/${lang}/${fiche.type === 'dispositif' ? 'dispositifs' : 'demarches'}/${fiche.slug}/`;

describe('hostile inputs through the CMS', () => {
  it(`sends ${hostileInputs.length} inputs (at least 50) as editor, contributor and translator`, () => {
    expect(hostileInputs.length).toBeGreaterThanOrEqual(50);
    expect(new Set(outcomes.map((outcome) => outcome.who))).toEqual(
      new Set([
        'editor',
        'contributor',
        'editor:publish',
        'translator',
        'editor:theme',
        'editor:need',
        'editor:structure',
        'editor:alt',
      ]),
    );
  });

  it('every refusal is a French message', () => {
    const refusals = outcomes.filter((outcome) => outcome.refused);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals)
      expect(isFrench(refusal.message ?? ''), `input ${refusal.input} ${refusal.who} ${refusal.field}: ${refusal.message}`).toBe(
        true,
      );
  });

  it('every input reached the public site in at least one text, or was refused everywhere in French', () => {
    for (let n = 0; n < hostileInputs.length; n += 1) {
      const accepted = outcomes.filter((outcome) => outcome.input === n && !outcome.refused);
      const refused = outcomes.filter((outcome) => outcome.input === n && outcome.refused);
      expect(accepted.length + refused.length, `input ${n}`).toBeGreaterThan(0);
    }
    expect(published.size).toBe(hostileInputs.length);
  });
});

describe('hostile inputs on the built site', () => {
  it('the fiche published after them is on the site: publishing went on', () => {
    const fiche = snapshotFiches().find((candidate) => candidate.id === benignFicheId)!;
    expect(distText(ficheUrl(fiche, 'fr'))).toContain('Ouvrir un compte bancaire');
  });

  it('no page that shows an input runs a script, gets an injected element or breaks', { timeout: 10 * 60_000 }, async () => {
    const fiches = snapshotFiches();
    const pages = new Set<string>(['/fr/', '/ar/', '/fr/departements/']);
    for (const [, { id, translated }] of published) {
      const fiche = fiches.find((candidate) => candidate.id === id)!;
      pages.add(ficheUrl(fiche, 'fr'));
      if (translated) pages.add(ficheUrl(fiche, 'ar'));
    }
    pages.add(ficheUrl(fiches.find((candidate) => candidate.id === published.get(0)!.id)!, 'uk'));
    for (const theme of themeIds) pages.add(`/fr/themes/${theme}/`);
    for (let k = 0; k < 10; k += 1) pages.add(`/fr/structures/structure-${k}/`);
    const problems: string[] = [];
    for (const pathname of pages) {
      const { page, report } = await openPage(pathname);
      const found = await injected(page);
      const h1 = await page.locator('h1').first().textContent();
      if (!h1?.trim()) found.push('no title on the page');
      for (const problem of [
        ...found,
        ...report.dialogs.map((d) => `dialog ${d}`),
        ...report.errors.map((e) => `error ${e}`),
        ...report.offHost.map((u) => `request to ${u}`),
      ]) {
        problems.push(`${pathname}: ${problem}`);
      }
      await page.close();
    }
    expect(problems).toEqual([]);
    console.log(`hostile-input suite: ${pages.size} pages checked in Chromium`);
  });

  it('each fiche page shows the title as written, as text', async () => {
    const fiches = snapshotFiches();
    const { page } = await openPage('/fr/');
    for (const [n, { id }] of published) {
      const fiche = fiches.find((candidate) => candidate.id === id)!;
      const html = distText(ficheUrl(fiche, 'fr'));
      const h1 = await page.evaluate(
        (source) => new DOMParser().parseFromString(source, 'text/html').querySelector('h1')?.textContent ?? '',
        html,
      );
      expect(h1.replace(/\s+/g, ' ').trim(), `input ${n}`).toBe(
        asHtmlText(fiche.title.fr ?? '')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
    await page.close();
  });

  it('the Atom feeds parse as XML and carry the titles as written', async () => {
    const fiches = snapshotFiches();
    const { page } = await openPage('/fr/');
    const feeds = [
      '/fr/flux.xml',
      '/ar/flux.xml',
      ...['french', 'administrative', 'housing', 'health', 'family'].map((theme) => `/fr/themes/${theme}/flux.xml`),
    ];
    for (const feed of feeds) {
      const xml = distText(feed);
      const parsed = await page.evaluate((source) => {
        const document = new DOMParser().parseFromString(source, 'application/xml');
        const error = document.querySelector('parsererror');
        return {
          error: error?.textContent ?? null,
          titles: Array.from(document.querySelectorAll('entry > title')).map((title) => title.textContent ?? ''),
        };
      }, xml);
      expect(parsed.error, feed).toBeNull();
      // A feed lists the newest 50 changes: each of its titles is one of ours, as written.
      // (An XML parser reads a carriage return as a line feed.)
      const written = new Set(
        fiches.map((fiche) =>
          withoutXmlForbidden(fiche.title[feed.startsWith('/ar/') ? 'ar' : 'fr'] ?? fiche.title.fr ?? '').replace(/\r\n?/g, '\n'),
        ),
      );
      for (const title of parsed.titles) expect(written.has(title), `${feed}: ${JSON.stringify(title.slice(0, 120))}`).toBe(true);
      if (feed === '/fr/flux.xml') expect(parsed.titles.length).toBe(Math.min(50, published.size + 1));
    }
    await page.close();
  });

  it('the open data parses and carries the titles as written', () => {
    const fiches = snapshotFiches();
    for (const lang of ['fr', 'ar']) {
      const data = JSON.parse(distText(`/${lang}/fiches.json`)) as unknown;
      const text = JSON.stringify(data);
      for (const [n, { id }] of published) {
        expect(text.includes(id), `input ${n} in /${lang}/fiches.json`).toBe(true);
      }
    }
    const french = JSON.stringify(JSON.parse(distText('/fr/fiches.json')));
    for (const [n, { id }] of published) {
      const title = fiches.find((candidate) => candidate.id === id)!.title.fr ?? '';
      expect(french.includes(JSON.stringify(title)), `input ${n}: title in /fr/fiches.json`).toBe(true);
    }
  });
});

/**
 * A text as an HTML page shows it: the parser drops U+0000, and a half surrogate pair cannot be
 * written in UTF-8 (it becomes U+FFFD). Nothing else changes.
 */
function asHtmlText(text: string): string {
  return text.replace(/\u0000/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** XML 1.0 cannot carry these characters at all; a feed leaves them out. */
function withoutXmlForbidden(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
}
