/**
 * The requests each admin screen makes of the CMS, for the load bench (load.ts) and the
 * per-request profile (profileRequests.ts). The admin's screens are Next server components that
 * call the Local API; the load bench runs Payload's REST handlers without the admin build
 * (loadServer.ts), so each screen is sent as the REST requests that make the same Local API calls
 * with the same arguments (@payloadcms/next 3.90.2):
 *
 * - a list (views/List/index.js): `find` with depth 0, draft, no fallback locale, 10 a page
 *   (`admin.pagination.defaultLimit`), the collection's default sort and, with
 *   `admin.enableListViewSelectAPI`, only the columns shown (`select`); for fiches then the
 *   « modifié » query (enrichDocsWithVersionStatus: the published versions of the drafts shown);
 * - a fiche's edit view (views/Document/getDocumentData.js): `findByID` depth 0, draft, no
 *   fallback locale; then each autosave (ui elements/Autosave): `PATCH ?autosave=true&draft=true
 *   &depth=0&fallback-locale=null` with the whole form, which overwrites the autosaved version
 *   instead of adding one;
 * - a translation's side-by-side view: the translation (`findByID` depth 0), then the French draft
 *   and the text online in its language (translation/components/FrenchSource.tsx); a save sends
 *   the form (`PATCH ?depth=0`, translations have no drafts).
 *
 * Not sent: what the admin computes without the database (form state, rendering), the memory
 * lookups of the side-by-side view (no REST route; ≈ 8 ms each at 1,000 fiches, README
 * « --scale ») and the preferences and lock queries every admin page makes (one indexed row each).
 */

export type Method = 'GET' | 'PATCH';
/** One request, named by its kind for the figures; resolves with the parsed answer. */
export type Send = (kind: RequestKind, method: Method, path: string, body?: unknown) => Promise<unknown>;

export type RequestKind =
  | 'fiche list'
  | 'fiche list status'
  | 'fiche edit'
  | 'fiche autosave'
  | 'translation list'
  | 'translation side by side'
  | 'translation save';

/** The fiche list's columns (Fiches `admin.defaultColumns`), as its select API reads them. */
export const ficheListColumns = ['title', 'type', 'primaryTheme', 'mainStructure', '_status', 'updatedAt'] as const;
export const translationListColumns = ['label', 'language', 'status', 'updatedAt'] as const;

const select = (columns: readonly string[]) => columns.map((column) => `select[${column}]=true`).join('&');

export const ficheListPath = (page = 1) =>
  `/api/fiches?depth=0&draft=true&fallback-locale=null&limit=10&page=${page}&sort=-updatedAt&locale=fr&${select(ficheListColumns)}`;

/** The published versions of the drafts of a page: how the list tells « modifié » from « brouillon ». */
export const ficheListStatusPath = (draftIds: string[]) =>
  `/api/fiches/versions?depth=0&pagination=false&select[parent]=true&${draftIds
    .map((id, index) => `where[and][0][parent][in][${index}]=${encodeURIComponent(id)}`)
    .join('&')}&where[and][1][version._status][equals]=published`;

export const translationListPath = (language: string, page = 1) =>
  `/api/translations?depth=0&fallback-locale=null&limit=10&page=${page}&sort=-updatedAt&where[language][equals]=${language}&${select(translationListColumns)}`;

type Doc = { id: string; _status?: string; [field: string]: unknown };
type Page = { docs: Doc[]; totalPages: number };

/** A fiche list page (page 1 mostly: the list opens on it; now and then a later one). */
export async function ficheListScreen(send: Send, page = 1): Promise<Doc[]> {
  const { docs } = (await send('fiche list', 'GET', ficheListPath(page))) as Page;
  const drafts = docs.filter((doc) => doc._status === 'draft').map((doc) => doc.id);
  if (drafts.length > 0) await send('fiche list status', 'GET', ficheListStatusPath(drafts));
  return docs;
}

/** A fiche's edit view: its French draft, what the form is filled with. */
export async function ficheEditScreen(send: Send, id: string): Promise<Doc> {
  return (await send(
    'fiche edit',
    'GET',
    `/api/fiches/${encodeURIComponent(id)}?depth=0&draft=true&fallback-locale=null&locale=fr`,
  )) as Doc;
}

/**
 * One autosave while an editor types in the summary: the whole form as the admin sends it (the
 * document read by the edit view, the summary changed; ids and dates are Payload's to set).
 */
export async function ficheAutosave(send: Send, form: Doc, text: string): Promise<void> {
  const { id, createdAt: _c, updatedAt: _u, translationStatus: _t, ...fields } = form;
  await send(
    'fiche autosave',
    'PATCH',
    `/api/fiches/${encodeURIComponent(id)}?autosave=true&depth=0&draft=true&fallback-locale=null&locale=fr`,
    { ...fields, summary: text, _status: 'draft' },
  );
}

export async function translationListScreen(send: Send, language: string, page = 1): Promise<Doc[]> {
  return ((await send('translation list', 'GET', translationListPath(language, page))) as Page).docs;
}

/** The side-by-side view: the translation, its fiche's French draft and the text online in its language. */
export async function translationScreen(send: Send, id: string): Promise<Doc> {
  const translation = (await send(
    'translation side by side',
    'GET',
    `/api/translations/${encodeURIComponent(id)}?depth=0&fallback-locale=null`,
  )) as Doc;
  const fiche = typeof translation.fiche === 'object' ? (translation.fiche as Doc).id : String(translation.fiche);
  const language = String(translation.language);
  await send(
    'translation side by side',
    'GET',
    `/api/fiches/${encodeURIComponent(fiche)}?depth=0&draft=true&fallback-locale=null&locale=fr`,
  );
  await send(
    'translation side by side',
    'GET',
    `/api/fiches/${encodeURIComponent(fiche)}?depth=0&fallback-locale=null&locale=${language}`,
  );
  return translation;
}

/** « Enregistrer » on a translation: the proposal's summary, as the form sends it. */
export async function translationSave(send: Send, translation: Doc, text: string): Promise<void> {
  await send(
    'translation save',
    'PATCH',
    `/api/translations/${encodeURIComponent(translation.id)}?depth=0&fallback-locale=null`,
    {
      summary: text,
    },
  );
}
