/**
 * Hardening of issue 16, through the REST API as each role meets it: a contributor keeps to
 * drafts (no unpublishing, restore as a draft), the job runner and document locks are not open
 * to every signed-in user, and the media library refuses heavy or foreign files in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REST_POST } from '@payloadcms/next/routes';
import type { Payload } from 'payload';

import { maxUploadBytes } from '../../src/hooks/checkUpload';
import { markupToLexical } from '../../src/seed/markupToLexical';
import { frenchDemarche } from '../helpers/fixtures';
import type { RestClient } from '../helpers/rest';
import { createRoleWorld, type Role, type RoleWorld } from '../helpers/users';

const context = { skipRebuild: true };
type Who = Role | 'anonymous';

let testPayload: RoleWorld;
let payload: Payload;
let api: RestClient;
let tokens: Record<Role, string>;
let structures: { a: string; b: string };
let themeId: string;

const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

/** A live dispositif of structure A, the kind a partner structure maintains. */
async function liveDispositif(title: string): Promise<string> {
  const doc = await payload.create({
    collection: 'fiches',
    data: {
      ...frenchDemarche({ themeId, structureId: structures.a }, title),
      type: 'dispositif',
      brandName: 'Programme Tremplin',
      why: ['Gratuit', 'Près de chez vous', 'Avec un interprète'].map((title) => ({
        title,
        body: markupToLexical(`${title}, pour chaque personne accompagnée.`, 'ltr', (key) => key) as never,
      })),
      next: undefined,
      _status: 'published',
    },
    context,
  });
  return doc.id;
}

const mainStatus = async (id: string) => (await payload.findByID({ collection: 'fiches', id, depth: 0 }))._status;

beforeAll(async () => {
  testPayload = await createRoleWorld();
  ({ payload, api, tokens, structures, themeId } = testPayload);
});

afterAll(async () => {
  await testPayload?.cleanup();
});

describe('a contributor works on drafts only', () => {
  it.each([
    ['admin', 200, 'draft'],
    ['editor', 200, 'draft'],
    ['contributorA', 400, 'published'],
    ['contributorB', 403, 'published'],
    ['translatorAr', 403, 'published'],
  ] as const)('%s takes a live dispositif offline → %i, and it stays %s', async (who, status, after) => {
    const id = await liveDispositif(`En ligne (${who})`);
    const response = await api('PATCH', `/fiches/${id}`, { token: as(who), body: { _status: 'draft' } });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (status === 400) expect(JSON.stringify(response.body)).toContain('seul un éditeur');
    expect(await mainStatus(id)).toBe(after);
  });

  it('a contributor cannot change a live fiche directly either, nor in bulk', async () => {
    const id = await liveDispositif('Modifiée directement');
    const direct = await api('PATCH', `/fiches/${id}`, {
      token: tokens.contributorA,
      body: { summary: 'Changé sans relecture.' },
    });
    expect(direct.status).toBe(400);
    const bulk = await api('PATCH', `/fiches?where[id][equals]=${id}`, {
      token: tokens.contributorA,
      body: { _status: 'draft' },
    });
    expect(JSON.stringify(bulk.body)).toContain('seul un éditeur');
    const live = await payload.findByID({ collection: 'fiches', id, depth: 0 });
    expect(live._status).toBe('published');
    expect(live.summary).not.toBe('Changé sans relecture.');
  });

  it('a contributor saves a draft of its live fiche: the live version stays online', async () => {
    const id = await liveDispositif('Brouillon sur une fiche en ligne');
    const response = await api('PATCH', `/fiches/${id}?draft=true`, {
      token: tokens.contributorA,
      body: { summary: 'Proposition de la structure.', reviewRequested: true },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await mainStatus(id)).toBe('published');
    const draft = await payload.findByID({ collection: 'fiches', id, draft: true, depth: 0 });
    expect(draft.summary).toBe('Proposition de la structure.');
  });

  it('an id sent over REST is ignored on create (only the import keeps ids)', async () => {
    const chosen = crypto.randomUUID();
    const created = await api('POST', '/fiches', {
      token: tokens.contributorA,
      body: { id: chosen, type: 'dispositif', title: 'Identifiant imposé', mainStructure: structures.a },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.doc.id).not.toBe(chosen);
  });

  it('a contributor still writes its never-published drafts directly', async () => {
    const created = await api('POST', '/fiches', {
      token: tokens.contributorA,
      body: { type: 'dispositif', title: 'Jamais publiée', mainStructure: structures.a },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const response = await api('PATCH', `/fiches/${created.body.doc.id}`, {
      token: tokens.contributorA,
      body: { _status: 'draft', summary: 'Encore un brouillon.' },
    });
    expect(response.status).toBe(200);
  });
});

describe('a contributor restores versions as drafts', () => {
  async function publishedVersionOf(id: string): Promise<string> {
    const versions = await payload.findVersions({
      collection: 'fiches',
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-updatedAt',
      limit: 1,
    });
    return versions.docs[0]!.id;
  }

  it('restores a once-published version as a draft → 200, the live fiche unchanged', async () => {
    const id = await liveDispositif('Version à restaurer');
    const versionId = await publishedVersionOf(id);
    await payload.update({ collection: 'fiches', id, data: { summary: 'Brouillon plus récent.' }, draft: true, context });
    const response = await api('POST', `/fiches/versions/${versionId}?draft=true`, { token: tokens.contributorA });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await mainStatus(id)).toBe('published');
    const draft = await payload.findByID({ collection: 'fiches', id, draft: true, depth: 0 });
    expect(draft._status).toBe('draft');
    expect(draft.summary).not.toBe('Brouillon plus récent.');
  });

  it('a direct restore of a live fiche by a contributor is refused in French', async () => {
    const id = await liveDispositif('Restauration directe');
    const response = await api('POST', `/fiches/versions/${await publishedVersionOf(id)}`, { token: tokens.contributorA });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('Restaurer comme brouillon');
  });

  it('another structure cannot restore it at all', async () => {
    const id = await liveDispositif('Restauration par B');
    const response = await api('POST', `/fiches/versions/${await publishedVersionOf(id)}?draft=true`, {
      token: tokens.contributorB,
    });
    expect(response.status).toBe(403);
  });

  it('an editor restores a published version directly', async () => {
    const id = await liveDispositif('Restauration par un éditeur');
    const response = await api('POST', `/fiches/versions/${await publishedVersionOf(id)}`, { token: tokens.editor });
    expect(response.status).toBe(200);
    expect(await mainStatus(id)).toBe('published');
  });
});

describe('job runner', () => {
  it.each([
    ['anonymous', 401],
    ['translatorAr', 401],
    ['contributorA', 401],
    ['editor', 401],
    ['admin', 200],
  ] as const)('%s runs the default queue over HTTP → %i', async (who, status) => {
    expect((await api('GET', '/payload-jobs/run', { token: as(who) })).status).toBe(status);
  });

  it.each([
    '/payload-jobs/run?queue=publish',
    '/payload-jobs/run?allQueues=true',
    '/payload-jobs/handle-schedules?queue=publish',
  ])('not even an admin starts a second publish runner: %s → 401', async (path) => {
    expect((await api('GET', path, { token: tokens.admin })).status).toBe(401);
  });
});

describe('document locks', () => {
  const userId = async (who: Role) =>
    (await payload.find({ collection: 'users', where: { email: { equals: `${who.toLowerCase()}@example.test` } } })).docs[0]!.id;
  const lock = async (who: Role, ficheId: string) =>
    api('POST', '/payload-locked-documents', {
      token: tokens[who],
      body: { document: { relationTo: 'fiches', value: ficheId }, user: { relationTo: 'users', value: await userId(who) } },
    });

  it.each([
    ['translatorAr', 403],
    ['expertAr', 403],
    ['contributorB', 403],
    ['contributorA', 201],
    ['editor', 201],
  ] as const)('%s locks a fiche of structure A → %i', async (who, status) => {
    const id = await liveDispositif(`Verrou (${who})`);
    const response = await lock(who, id);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (status === 403) {
      const save = await api('PATCH', `/fiches/${id}`, {
        token: tokens.editor,
        body: { summary: 'Toujours modifiable par un éditeur.' },
      });
      expect(save.status).toBe(200);
    }
  });

  it('a lock written past the access rules (the admin’s form-state path) by a translator does not block an editor', async () => {
    const id = await liveDispositif('Verrou posé sans passer par REST');
    await payload.db.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'fiches', value: id }, user: { relationTo: 'users', value: await userId('translatorAr') } },
    });
    const save = await api('PATCH', `/fiches/${id}`, { token: tokens.editor, body: { summary: 'Enregistré malgré le verrou.' } });
    expect(save.status, JSON.stringify(save.body)).toBe(200);
    // An editor's own lock still protects the fiche from a second editor's save.
    const editorLock = await lock('editor', id);
    expect(editorLock.status).toBe(201);
    const blocked = await api('PATCH', `/fiches/${id}`, {
      token: tokens.admin,
      body: { summary: 'Bloqué par le verrou de l’éditeur.' },
    });
    expect(blocked.status).toBe(423);
  });

  it('only who may edit the fiche takes over or removes a lock, and only for itself', async () => {
    const id = await liveDispositif('Verrou de l’éditeur');
    const editorLock = await lock('editor', id);
    expect(editorLock.status).toBe(201);
    const lockId = editorLock.body.doc.id;
    const translator = await userId('translatorAr');
    const contributorA = await userId('contributorA');
    expect(
      (
        await api('PATCH', `/payload-locked-documents/${lockId}`, {
          token: tokens.translatorAr,
          body: { user: { relationTo: 'users', value: translator } },
        })
      ).status,
    ).toBe(403);
    expect((await api('DELETE', `/payload-locked-documents/${lockId}`, { token: tokens.contributorB })).status).toBe(403);
    // The admin's "take over": the contributor of the fiche's structure puts itself on the lock…
    expect(
      (
        await api('PATCH', `/payload-locked-documents/${lockId}`, {
          token: tokens.contributorA,
          body: { user: { relationTo: 'users', value: translator } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('PATCH', `/payload-locked-documents/${lockId}`, {
          token: tokens.contributorA,
          body: { user: { relationTo: 'users', value: contributorA } },
        })
      ).status,
    ).toBe(200);
    // …and an editor takes it back.
    const editor = await userId('editor');
    expect(
      (
        await api('PATCH', `/payload-locked-documents/${lockId}`, {
          token: tokens.editor,
          body: { user: { relationTo: 'users', value: editor } },
        })
      ).status,
    ).toBe(200);
    const own = await lock('contributorA', await liveDispositif('Verrou de la structure A'));
    const moved = await api('PATCH', `/payload-locked-documents/${own.body.doc.id}`, {
      token: tokens.contributorA,
      body: { document: { relationTo: 'users', value: translator } },
    });
    expect(moved.status).toBe(403);
  });
});

describe('media uploads', () => {
  // A 4×4 green PNG made with sharp.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVR4nGMwXlUORwzEcQAkkhVBLiKSpgAAAABJRU5ErkJggg==',
    'base64',
  );

  async function upload(file: Buffer, name: string, type: string) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type }), name);
    form.append('_payload', JSON.stringify({ alt: 'Un pictogramme de test' }));
    const request = new Request('http://localhost/api/media', {
      method: 'POST',
      headers: { authorization: `JWT ${tokens.editor}` },
      body: form,
    });
    const response = await REST_POST(testPayload.config)(request, { params: Promise.resolve({ slug: ['media'] }) });
    return { status: response.status, body: await response.json() };
  }

  it('takes a small PNG', async () => {
    const response = await upload(png, 'pictogramme.png', 'image/png');
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('refuses a file over the limit in French, and stores nothing', async () => {
    const before = (await payload.count({ collection: 'media' })).totalDocs;
    const heavy = Buffer.concat([png, Buffer.alloc(maxUploadBytes + 1024)]);
    const response = await upload(heavy, 'trop-lourde.png', 'image/png');
    expect(response.status).toBe(413);
    expect(JSON.stringify(response.body)).toContain('trop lourd');
    expect((await payload.count({ collection: 'media' })).totalDocs).toBe(before);
  });

  it('refuses a type outside the list in French', async () => {
    const response = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'page.html', 'text/html');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('type de fichier');
  });

  it('keeps Payload’s check of SVG content', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const response = await upload(svg, 'image.svg', 'image/svg+xml');
    expect(response.status).toBe(400);
  });
});

describe('rich-text links follow the site renderer’s rule', () => {
  const withLink = (url: string, linkType = 'custom') => ({
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: [
        {
          type: 'paragraph',
          version: 1,
          direction: 'ltr',
          format: '',
          indent: 0,
          children: [
            { type: 'text', text: 'Voir ', version: 1, detail: 0, format: 0, mode: 'normal', style: '' },
            {
              type: 'link',
              version: 3,
              direction: 'ltr',
              format: '',
              indent: 0,
              fields: { linkType, url, newTab: false },
              children: [
                { type: 'text', text: 'le site de la CAF', version: 1, detail: 0, format: 0, mode: 'normal', style: '' },
              ],
            },
          ],
        },
      ],
    },
  });

  it.each(['www.caf.fr', '/fr/x/', '#top', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://'])(
    'an editor cannot publish a link to %j: refused in French',
    async (url) => {
      const fiche = await payload.create({
        collection: 'fiches',
        data: frenchDemarche({ themeId, structureId: structures.a }, `Lien ${url}`),
        draft: true,
        context,
      });
      const response = await api('PATCH', `/fiches/${fiche.id}`, {
        token: tokens.editor,
        body: { _status: 'published', how: [{ title: 'Faire la demande', body: withLink(url) }] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(JSON.stringify(response.body)).toContain('Le lien « le site de la CAF »');
      expect(JSON.stringify(response.body)).toContain('https://');
      expect(await mainStatus(fiche.id)).toBe('draft');
    },
  );

  it.each(['https://www.caf.fr/', 'mailto:accueil@example.org', 'tel:+33123456789'])(
    'an editor publishes a link to %j',
    async (url) => {
      const fiche = await payload.create({
        collection: 'fiches',
        data: frenchDemarche({ themeId, structureId: structures.a }, `Lien valide ${url}`),
        draft: true,
        context,
      });
      const response = await api('PATCH', `/fiches/${fiche.id}`, {
        token: tokens.editor,
        body: { _status: 'published', how: [{ title: 'Faire la demande', body: withLink(url) }] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    },
  );

  it('a translator’s proposal with a bad link is refused in French', async () => {
    const id = await liveDispositif('Fiche à traduire avec un lien');
    const translation = (
      await payload.find({
        collection: 'translations',
        where: { and: [{ fiche: { equals: id } }, { language: { equals: 'ar' } }] },
      })
    ).docs[0]!;
    const response = await api('PATCH', `/translations/${translation.id}`, {
      token: tokens.translatorAr,
      body: { how: [{ title: 'تقديم الطلب', body: withLink('javascript:alert(1)') }] },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(JSON.stringify(response.body)).toContain('n’est pas autorisé');
  });
});

describe('a fiche never loses its address', () => {
  it.each([null, '', '   '])('an editor who empties the slug (%j) keeps the fiche’s address', async (slug) => {
    const id = await liveDispositif(`Adresse conservée ${JSON.stringify(slug)}`);
    const before = (await payload.findByID({ collection: 'fiches', id, depth: 0 })).slug;
    const response = await api('PATCH', `/fiches/${id}`, { token: tokens.editor, body: { slug } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((await payload.findByID({ collection: 'fiches', id, depth: 0 })).slug).toBe(before);
  });
});
