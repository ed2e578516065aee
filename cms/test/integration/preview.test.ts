/**
 * Preview before publishing (publishing/preview/): access per role through the REST handlers,
 * then two real renders with the site's build — a French draft and an Arabic proposal — checked
 * for the draft's text, the page's language and direction, `noindex`, and that nothing reached
 * the deploys folder. The renders take about half a minute each on a loaded machine.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REST_GET } from '@payloadcms/next/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Payload } from 'payload';

import { markupToLexical } from '../../src/seed/markupToLexical';
import { arabicDemarche, frenchDemarche } from '../helpers/fixtures';
import { createRoleWorld, type Role, type RoleWorld } from '../helpers/users';

const context = { skipRebuild: true };
const draftSummary = 'Brouillon : la carte arrive désormais en dix jours, sans rendez-vous.';
const proposedTitle = 'الحصول على بطاقة فيتال — اقتراح المترجم';

let world: RoleWorld;
let payload: Payload;
let get: (pathname: string, who?: Role) => Promise<Response>;
let work: string;
let deploysDir: string;
let ficheId: string;
let draftOfB: string;
let translationAr: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'passerelle-preview-'));
  deploysDir = path.join(work, 'deploys');
  mkdirSync(deploysDir);
  for (const [name, value] of Object.entries({
    DEPLOYS_DIR: deploysDir,
    PREVIEW_DIR: path.join(work, 'previews'),
    SITE_URL: 'https://passerelle.example',
  })) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  world = await createRoleWorld();
  payload = world.payload;
  const handler = REST_GET(world.config);
  get = (pathname, who) => {
    const url = new URL(`http://localhost/api${pathname}`);
    const headers = new Headers(who ? { authorization: `JWT ${world.tokens[who]}` } : {});
    const slug = url.pathname.replace(/^\/api\//, '').split('/');
    return handler(new Request(url, { headers }), { params: Promise.resolve({ slug }) });
  };
  const fiche = await payload.create({
    collection: 'fiches',
    data: { ...frenchDemarche({ themeId: world.themeId, structureId: world.structures.a }), _status: 'published' },
    context,
  });
  ficheId = fiche.id;
  // A French edit not yet published: what the editor wants to see before publishing it.
  await payload.update({ collection: 'fiches', id: ficheId, data: { summary: draftSummary }, draft: true, context });
  draftOfB = (
    await payload.create({
      collection: 'fiches',
      data: { type: 'dispositif', title: 'Brouillon de la structure B', mainStructure: world.structures.b },
      draft: true,
      context,
    })
  ).id;
  const { docs } = await payload.find({
    collection: 'translations',
    where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: 'ar' } }] },
    depth: 0,
  });
  translationAr = docs[0]!.id;
  const arabic = arabicDemarche();
  await payload.update({
    collection: 'translations',
    id: translationAr,
    data: {
      title: proposedTitle,
      summary: arabic.summary,
      administrationName: arabic.administrationName,
      what: [{ title: 'بطاقة فيتال', body: markupToLexical('بطاقة خضراء عليها صورتك.', 'rtl', (key) => key) as never }],
      status: 'inProgress',
    },
    context,
  });
}, 120_000);

afterAll(async () => {
  await world?.cleanup();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(work, { recursive: true, force: true });
});

/** Opens a preview as a browser would: reloads the progress page until it sends to the page. */
async function openPreview(pathname: string, who: Role): Promise<{ first: Response; location: string }> {
  const first = await get(pathname, who);
  let response = first;
  const deadline = Date.now() + 240_000;
  while (response.status === 202 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    response = await get(pathname, who);
  }
  expect(response.status, await response.clone().text()).toBe(302);
  return { first, location: response.headers.get('location') ?? '' };
}

const apiPath = (location: string) => location.replace(/^\/api/, '');

describe('who may open a preview', () => {
  it('anonymous readers are asked to sign in (401)', async () => {
    const response = await get(`/preview/fiche/${ficheId}/fr`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Connectez-vous');
  });

  it('a contributor cannot preview another structure’s draft (403)', async () => {
    expect((await get(`/preview/fiche/${draftOfB}/fr`, 'contributorA')).status).toBe(403);
  });

  it('a translator cannot preview another language’s proposal (403)', async () => {
    const response = await get(`/preview/translation/${translationAr}`, 'translatorUk');
    expect(response.status).toBe(403);
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
  });

  it('an unknown language is refused in French (400)', async () => {
    const response = await get(`/preview/fiche/${ficheId}/de`, 'editor');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('n’est pas une langue du site');
  });

  it('an unknown fiche is not found (404)', async () => {
    expect((await get('/preview/fiche/00000000-0000-4000-8000-000000000000/fr', 'editor')).status).toBe(404);
  });

  it('a draft the contract refuses says what is missing, in French (422)', async () => {
    const response = await get(`/preview/fiche/${draftOfB}/fr`, 'contributorB');
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('champs obligatoires');
  });
});

describe('the preview of a French draft', () => {
  let location = '';

  it('shows progress in French, then the page with the draft’s text, noindex, in the page’s language', async () => {
    const opened = await openPreview(`/preview/fiche/${ficheId}/fr`, 'editor');
    expect(opened.first.status).toBe(202);
    const progress = await opened.first.text();
    expect(progress).toContain('Préparation de l’aperçu');
    expect(progress).toContain('noindex');
    location = opened.location;
    expect(location).toMatch(/^\/api\/preview\/page\/[0-9a-f]{32}\/fr\/demarches\/[^/]+\/$/);
    const page = await get(apiPath(location), 'editor');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    const html = await page.text();
    expect(html).toContain(draftSummary);
    expect(html).toMatch(/<html lang="fr" dir="ltr"/);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    // The site's stylesheet, served from the preview with the rest of the page.
    const stylesheet = /href="(\/api\/preview\/page\/[0-9a-f]{32}\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(stylesheet).toBeTruthy();
    const css = await get(apiPath(stylesheet!), 'editor');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  }, 300_000);

  it('opens again at once, in another language too, right to left', async () => {
    const again = await get(`/preview/fiche/${ficheId}/ar`, 'editor');
    expect(again.status).toBe(302);
    const html = await (await get(apiPath(again.headers.get('location') ?? ''), 'editor')).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(html).toContain('noindex');
  });

  it('checks access again on every file of the preview', async () => {
    expect((await get(apiPath(location))).status).toBe(401);
    expect((await get(apiPath(location), 'contributorB')).status).toBe(403);
    expect((await get(apiPath(location), 'contributorA')).status).toBe(200);
  });

  it('never reaches the deploys folder, and publishes nothing', async () => {
    expect(readdirSync(deploysDir)).toEqual([]);
    const live = await payload.findByID({ collection: 'fiches', id: ficheId, locale: 'fr' });
    expect(live.summary).not.toBe(draftSummary);
  });
});

describe('the preview of a proposed translation', () => {
  it('shows the translator’s Arabic, right to left, without validating it', async () => {
    const { location } = await openPreview(`/preview/translation/${translationAr}`, 'translatorAr');
    expect(location).toMatch(/\/ar\/demarches\/[^/]+\/$/);
    const html = await (await get(apiPath(location), 'translatorAr')).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(html).toContain(proposedTitle);
    expect(html).toContain('noindex');
    const fiche = await payload.findByID({ collection: 'fiches', id: ficheId, locale: 'ar', fallbackLocale: false });
    expect(fiche.title ?? null).not.toBe(proposedTitle);
    expect(readdirSync(deploysDir)).toEqual([]);
  }, 300_000);
});
