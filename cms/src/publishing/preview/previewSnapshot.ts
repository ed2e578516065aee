/**
 * The content a preview is rendered from: a snapshot in the export's format (one JSON file per
 * collection, media files, a manifest) holding the draft fiche as if it were published, the
 * fiches it links to as they are live, and the public themes, needs, structures, documents and
 * media — read as the anonymous public reads them, so the page shows what publishing would show.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

import type { Payload } from 'payload';

import {
  ContentContractError,
  parseDocument,
  sectionKeys,
  textUnitKeys,
  type ContentCollection,
  type Locale,
} from '@passerelle/content-schemas';

type Json = Record<string, unknown>;

/** The Local API's answer as REST would serve it (dates as strings, no class instances). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const isFilled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * A translator's proposal over the fiche, in its language: what `publishValidated` would write
 * once an expert validates it, without the validation. A unit left empty stays out, so the page
 * shows the French there, labelled, as it will when published. Section items follow the French
 * ones by position; the first untranslated item ends the translated list.
 */
export function applyProposal(fiche: Json, proposal: Json, language: Exclude<Locale, 'fr'>): Json {
  const next = plain(fiche);
  const setIn = (key: string, value: unknown) => {
    const current = next[key];
    next[key] = { ...(current && typeof current === 'object' ? (current as Json) : {}), [language]: value };
  };
  for (const key of textUnitKeys) {
    if (isFilled(proposal[key])) setIn(key, proposal[key]);
    else if (next[key] && typeof next[key] === 'object') delete (next[key] as Json)[language];
  }
  for (const key of sectionKeys) {
    const items = Array.isArray(proposal[key]) ? (proposal[key] as Json[]) : [];
    const done = items.findIndex((item) => !isFilled(item.title) || !item.body);
    const translated = (done === -1 ? items : items.slice(0, done)).map(({ title, body }) => ({ title, body }));
    setIn(key, translated);
  }
  const frenchDocuments = ((next.documents as Json | undefined)?.fr ?? []) as Json[];
  const proposedDocuments = Array.isArray(proposal.documents) ? (proposal.documents as Json[]) : [];
  if (frenchDocuments.length > 0)
    setIn(
      'documents',
      frenchDocuments.map((row, index) => {
        const { id: _id, ...shared } = row;
        const own = proposedDocuments[index] ?? {};
        return { ...shared, name: isFilled(own.name) ? own.name : null, note: isFilled(own.note) ? own.note : null };
      }),
    );
  return next;
}

/** A draft the contract refuses (a required field still empty): the editor reads which, in French. */
export class PreviewContentError extends Error {
  override name = 'PreviewContentError';
}

/**
 * The draft as the site's contract wants a published fiche; a draft the contract refuses (a
 * required field still empty) throws the French sentence the editor reads instead of a page.
 */
export function previewableFiche(fiche: Json): Json {
  const draft = plain({ ...fiche, _status: 'published' });
  try {
    parseDocument('fiches', draft);
  } catch (error) {
    if (!(error instanceof ContentContractError)) throw error;
    const fields = [...new Set(error.issues.map((issue) => issue.path))].join(', ');
    throw new PreviewContentError(
      `Ce brouillon ne peut pas encore être affiché comme sur le site : des champs obligatoires sont vides ou incomplets (${fields}). Complétez-les, enregistrez, puis prévisualisez à nouveau.`,
    );
  }
  return draft;
}

/** Fiche ids this fiche points to: its steps and the internal links of its rich text. */
export function linkedFicheIds(fiche: Json): string[] {
  const ids = new Set<string>();
  for (const key of ['stepsBefore', 'stepsAfter'])
    for (const id of (fiche[key] as unknown[] | null | undefined) ?? []) if (typeof id === 'string') ids.add(id);
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const node = value as Json;
      if (node.relationTo === 'fiches' && typeof node.value === 'string') ids.add(node.value);
      Object.values(node).forEach(walk);
    }
  };
  walk(fiche);
  ids.delete(String(fiche.id));
  return [...ids];
}

function stringsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

const shared: ContentCollection[] = ['themes', 'needs', 'structures', 'documents'];

/**
 * Writes the snapshot of one draft fiche into `dir`. `fiche` is the draft as `findByID` gives it
 * with `locale: 'all'` and `depth: 0`. `mediaBaseUrl` fetches a media file that is not on this
 * machine's disk (media in S3).
 */
export async function writePreviewSnapshot(payload: Payload, fiche: Json, dir: string, mediaBaseUrl: string): Promise<void> {
  const draft = previewableFiche(fiche);
  await mkdir(path.join(dir, 'media'), { recursive: true });
  const read = async (collection: ContentCollection, where?: Json) =>
    plain(
      (
        await payload.find({
          collection,
          locale: 'all',
          depth: 0,
          pagination: false,
          sort: 'createdAt',
          // The public's view: no user, access applied.
          overrideAccess: false,
          ...(where ? { where: where as never } : {}),
        })
      ).docs as unknown as Json[],
    );
  const linked = linkedFicheIds(draft);
  const fiches = [
    draft,
    ...(linked.length > 0 ? await read('fiches', { and: [{ id: { in: linked } }, { _status: { equals: 'published' } }] }) : []),
  ];
  const collections: Partial<Record<ContentCollection, Json[]>> = { fiches };
  for (const collection of shared) collections[collection] = await read(collection);
  // Only the media something in the snapshot points to: the site needs a file for each one it lists.
  const referenced = stringsIn(Object.values(collections), new Set());
  collections.media = (await read('media')).filter((media) => referenced.has(String(media.id)));
  for (const [collection, documents] of Object.entries(collections))
    await writeFile(path.join(dir, `${collection}.json`), `${JSON.stringify(documents)}\n`);
  const staticDir = payload.collections.media?.config.upload?.staticDir;
  for (const media of collections.media) {
    const filename = String(media.filename ?? '');
    if (!filename || filename !== path.basename(filename))
      throw new Error(`media ${String(media.id)}: unsafe file name "${filename}"`);
    const target = path.join(dir, 'media', filename);
    const local = staticDir ? path.join(staticDir, filename) : undefined;
    if (local && existsSync(local)) {
      await copyFile(local, target);
      continue;
    }
    const url = new URL(String(media.url), mediaBaseUrl);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`media ${String(media.id)}: ${url.href} answered HTTP ${response.status}`);
    await writeFile(target, new Uint8Array(await response.arrayBuffer()));
  }
  const counts = Object.fromEntries(Object.entries(collections).map(([name, docs]) => [name, docs.length]));
  await writeFile(
    path.join(dir, 'manifest.json'),
    `${JSON.stringify({ preview: true, exportedAt: new Date().toISOString(), counts })}\n`,
  );
}
