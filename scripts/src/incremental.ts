/**
 * Incremental publication (docs/publishing.md): from the content snapshot behind the live deploy
 * and the new one, which pages a change touches; the site then renders only those
 * (site/src/lib/renderOnly.ts) and every other file is a hard link to the live deploy's.
 *
 * What a build always renders, whatever changed: every route whose count does not grow with the
 * corpus (homes, themes, structures, lists, feeds, open data, sitemaps, embeds, search…). What
 * it renders only when touched: a fiche's pages in every language and its short link, and the
 * département pages. A fiche is touched when its own document changed (published, unpublished,
 * deleted, a translation validated, a French update, a change note, a slug or type change), or
 * when a need, structure or fiche it names changed (its JSON holds their ids: a link to another
 * fiche, its structures, its needs). A département page is touched when a touched fiche (before
 * or after) is run there, or is national or online (every département page lists those).
 *
 * A theme edit is incremental when only its description, colour or icon changed: they show on the
 * homes, theme pages and embeds, which every build renders. A media edit (a structure's logo) is
 * incremental too: the structures naming it, and the fiches naming those, are touched; the images
 * are made again by every build, since structure pages always render.
 *
 * Anything this reasoning cannot vouch for is a full build, with the reason recorded: no live
 * deploy or no snapshot behind it, a code change (site, contract, dependencies), another site
 * address, a theme added, removed, renamed, moved or reordered (every page's head lists the theme
 * feeds by name, in order), `--full`, or a previous incremental publication that failed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { ficheSegments, localeCodes, type Fiche } from '@passerelle/content-schemas';
import { filesIn } from '@passerelle/content-schemas/fileListing';
import { repositoryRoot } from '@passerelle/content-schemas/repository';

/** What the site renders in an incremental build (the same shape as site/src/lib/renderOnly.ts's RenderSelection). */
export type RenderSelection = { fiches: string[]; departements: string[] | 'all' };

export type BuildPlan =
  | { kind: 'full'; why: string }
  | { kind: 'incremental'; why: string; selection: RenderSelection; keep: (relativePath: string) => boolean };

type Snapshot = {
  fiches: Fiche[];
  themes: { id: string; slug?: string; name?: unknown; order?: number | null }[];
  needs: { id: string }[];
  structures: { id: string }[];
  media: { id: string; filesize?: unknown }[];
};

/** The collections of a snapshot (media files are compared through media.json, whose `updatedAt` changes with the file). */
export async function readSnapshot(directory: string): Promise<Snapshot> {
  const read = async <T>(name: string) => JSON.parse(await readFile(path.join(directory, `${name}.json`), 'utf8')) as T;
  const [fiches, themes, needs, structures, media] = await Promise.all([
    read<Fiche[]>('fiches'),
    read<Snapshot['themes']>('themes'),
    read<{ id: string }[]>('needs'),
    read<{ id: string }[]>('structures'),
    read<{ id: string }[]>('media'),
  ]);
  return { fiches, themes, needs, structures, media };
}

/**
 * A document as text with its object keys sorted: the CMS may write the same content with its keys
 * in another order (a draft save rewrites a published fiche's `translationStatus`), which is no
 * change to render. Arrays keep their order, which is content.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * Ids of the documents added, removed or changed between two versions of a collection. The plain
 * text is compared first; only documents whose text differs are compared again with their keys
 * sorted, which costs several times more (3.1 s on 1,000 fixture-sized fiches, 53 MB, against 0.6 s).
 */
export function changedIds(before: readonly { id: string }[], after: readonly { id: string }[]): Set<string> {
  const old = new Map(before.map((document) => [document.id, document]));
  const changed = new Set<string>();
  for (const document of after) {
    const previous = old.get(document.id);
    // The same object on both sides (a document the export took from the base): unchanged.
    if (
      !previous ||
      (previous !== document &&
        JSON.stringify(previous) !== JSON.stringify(document) &&
        canonicalJson(previous) !== canonicalJson(document))
    )
      changed.add(document.id);
    old.delete(document.id);
  }
  for (const id of old.keys()) changed.add(id);
  return changed;
}

/**
 * The pages to render and the files to keep, or why this publication must be a full build.
 * Pure: `before`/`after` are the snapshots behind the live deploy and of the new content.
 */
export function planBuild(before: Snapshot, after: Snapshot): BuildPlan {
  if (themeShownEverywhereChanged(before.themes, after.themes))
    return { kind: 'full', why: 'un thème a été ajouté, retiré, renommé ou déplacé : toutes les pages le montrent' };
  const changedFiches = changedIds(before.fiches, after.fiches);
  // A media (a structure's logo) shows through the structures naming it.
  const changedMedia = changedIds(before.media, after.media);
  if (mediaMaySharePixels(changedMedia, [...before.media, ...after.media]))
    return { kind: 'full', why: 'un média modifié a la taille d’un autre : leurs images peuvent être communes' };
  const structuresShowingMedia = [...before.structures, ...after.structures]
    .filter((structure) => [...changedMedia].some((id) => JSON.stringify(structure).includes(id)))
    .map((structure) => structure.id);
  const referenced = new Set([
    ...changedIds(before.needs, after.needs),
    ...changedIds(before.structures, after.structures),
    ...structuresShowingMedia,
    ...changedMedia,
    ...changedFiches,
  ]);
  const touched = new Set(changedFiches);
  // A fiche naming a changed document: its structures and needs, or a link to another fiche.
  if (referenced.size > 0) {
    for (const fiche of after.fiches) {
      if (touched.has(fiche.id)) continue;
      const json = JSON.stringify(fiche);
      for (const id of referenced) {
        if (json.includes(id)) {
          touched.add(fiche.id);
          break;
        }
      }
    }
  }
  const departements = new Set<string>();
  let everyDepartement = false;
  for (const fiche of [...before.fiches, ...after.fiches]) {
    if (!touched.has(fiche.id)) continue;
    const { scope, departements: codes } = fiche.infocards.location;
    if (scope === 'departements') for (const code of codes ?? []) departements.add(code.toLowerCase());
    else everyDepartement = true;
  }
  // Files of untouched fiches stay: the same pages at the same addresses (their JSON is unchanged).
  const keptFicheFolders = new Set<string>();
  for (const fiche of after.fiches) {
    if (touched.has(fiche.id)) continue;
    for (const locale of localeCodes) keptFicheFolders.add(`${locale}/${ficheSegments[fiche.type]}/${fiche.slug}/`);
    keptFicheFolders.add(`f/${fiche.shortId}/`);
  }
  const renderedDepartements = everyDepartement ? 'all' : ([...departements].sort() as string[]);
  const keep = (relativePath: string) => keepFile(relativePath, keptFicheFolders, renderedDepartements);
  const counts = [
    `${changedFiches.size} fiche(s) modifiée(s)`,
    `${touched.size} fiche(s) à refaire`,
    `départements : ${everyDepartement ? 'tous' : departements.size}`,
  ];
  return {
    kind: 'incremental',
    why: counts.join(', '),
    selection: { fiches: [...touched].sort(), departements: renderedDepartements },
    keep,
  };
}

/**
 * Images with the same bytes are written once, under the first one's name (Rollup merges
 * identical assets): replacing one would move the other's address on pages kept from the live
 * deploy. Identical bytes mean the same size, so a changed media the size of another is a full build.
 */
function mediaMaySharePixels(changed: ReadonlySet<string>, media: readonly { id: string; filesize?: unknown }[]): boolean {
  for (const id of changed) {
    const sizes = new Set(media.filter((entry) => entry.id === id).map((entry) => entry.filesize));
    if (media.some((entry) => entry.id !== id && sizes.has(entry.filesize))) return true;
  }
  return false;
}

/**
 * Whether a theme changed in what every page shows: the head of every page links each theme's
 * feed by name, in the themes' order; fiche pages name their themes and link to them.
 */
function themeShownEverywhereChanged(before: Snapshot['themes'], after: Snapshot['themes']): boolean {
  const shown = (themes: Snapshot['themes']) =>
    JSON.stringify(themes.map(({ id, slug, name, order }) => [id, slug, name, order ?? null]).sort());
  return shown(before) !== shown(after);
}

const ficheFolder = new RegExp(`^(?:(?:${localeCodes.join('|')})/(?:${Object.values(ficheSegments).join('|')})/[^/]+/|f/[^/]+/)`);
const departementFolder = new RegExp(`^(?:${localeCodes.join('|')})/departements/([^/]+)/`);
const manifestFile = new RegExp(`^(?:${localeCodes.join('|')})/manifest\\.webmanifest$`);

/**
 * Which files of the live deploy an incremental deploy keeps (paths relative to it, `/`
 * separators). Everything else comes from the partial build or the whole-site passes.
 */
export function keepFile(
  relativePath: string,
  keptFicheFolders: ReadonlySet<string>,
  renderedDepartements: readonly string[] | 'all',
): boolean {
  // Scripts, images and the stylesheet: every build makes all of them (structure pages, which show
  // every logo, always render), so a logo replaced leaves no stale image behind. Those made again
  // with the same bytes, nearly all, are linked to the live ones afterwards (relinkUnchanged).
  if (relativePath.startsWith('_astro/')) return false;
  // Made from the code only (social images, home screen icons and manifests).
  if (relativePath.startsWith('og/') || relativePath.startsWith('icons/') || manifestFile.test(relativePath)) return true;
  const fiche = ficheFolder.exec(relativePath);
  if (fiche) return keptFicheFolders.has(fiche[0]);
  const departement = departementFolder.exec(relativePath);
  if (departement) return renderedDepartements !== 'all' && !renderedDepartements.includes(departement[1] ?? '');
  return false;
}

const filesInFlight = 64;

/** `work` on every item, `filesInFlight` at a time (file descriptors stay bounded). */
export async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += filesInFlight)
    await Promise.all(items.slice(start, start + filesInFlight).map(work));
}

/**
 * Makes `outDir`: the files of `liveDir` that `keep` accepts, as hard links (no byte is copied),
 * then every file of the partial build moved in over them. Nothing is ever written through a
 * link: a file replaced is unlinked first, so the live deploy is never modified.
 */
export async function mergeDeploy({
  liveDir,
  partialDir,
  outDir,
  keep,
}: {
  liveDir: string;
  partialDir: string;
  outDir: string;
  keep: (relativePath: string) => boolean;
}): Promise<{ linked: number; rendered: number; linkedFiles: ReadonlySet<string>; renderedFiles: readonly string[] }> {
  await rm(outDir, { recursive: true, force: true });
  const linkedFiles = new Set((await filesIn(liveDir)).filter((file) => keep(file)));
  // Thousands of folders and links at 1,000 fiches: a batch at a time, not one after the other.
  const folders = new Set([...linkedFiles].map((file) => path.dirname(path.join(outDir, file))));
  await inBatches([...folders], (folder) => mkdir(folder, { recursive: true }));
  await inBatches([...linkedFiles], (file) => link(path.join(liveDir, file), path.join(outDir, file)));
  const linked = linkedFiles.size;
  let rendered = 0;
  const renderedFiles: string[] = [];
  await inBatches(await filesIn(partialDir), async (file) => {
    const target = path.join(outDir, file);
    const source = path.join(partialDir, file);
    // A kept file the build wrote again with the same bytes (scripts, images) stays a link: the
    // deploy shares it with the live one, and a diff-based upload sees it unchanged.
    if (linkedFiles.has(file) && (await readFile(source)).equals(await readFile(target))) return;
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { force: true });
    await rename(source, target);
    rendered += 1;
    renderedFiles.push(file);
  });
  return { linked, rendered, linkedFiles, renderedFiles };
}

/**
 * After the whole-site passes: every file of `outDir` that the publication made again with the
 * very bytes of the live deploy's file at the same path (a touched fiche's QR code, which depends
 * only on its address; a list page nothing changed on; the pruned stylesheet) becomes a hard link
 * to it. The deploy then shares with the live one every byte that did not change, on disk and for
 * a diff-based upload. The file is replaced by a link, never written through.
 */
export async function relinkUnchanged(
  outDir: string,
  liveDir: string,
  { only }: { only?: readonly string[] } = {},
): Promise<number> {
  let relinked = 0;
  // `only`: the files the publication made (the partial build's, the stylesheet, the service
  // worker), so that the 33,000 files of a 1,000-fiche deploy are neither listed nor looked at:
  // the others are links the merge made, and the search pass links its own files with the live
  // bytes. Without it, every file.
  const candidates = only ? [...new Set(only)] : await filesIn(outDir);
  await inBatches(candidates, async (file) => {
    const ours = path.join(outDir, file);
    const live = path.join(liveDir, file);
    const [mine, theirs] = await Promise.all([stat(ours).catch(() => undefined), stat(live).catch(() => undefined)]);
    // A file a pass removed or renamed since (the stylesheet Vite named) is not there any more.
    if (!mine?.isFile() || !theirs?.isFile() || mine.nlink > 1 || mine.size !== theirs.size) return;
    if (!(await readFile(ours)).equals(await readFile(live))) return;
    const staging = `${ours}.relink-${process.pid}`;
    await link(live, staging);
    await rename(staging, ours);
    relinked += 1;
  });
  return relinked;
}

/**
 * The files of a merged deploy the publication itself made, for `relinkUnchanged`: those the
 * partial build rendered (moved in by `mergeDeploy`), and those the whole-site passes write
 * besides (the pruned stylesheet, the service worker). The search pass links its own files.
 */
export async function madeByPublication(outDir: string, renderedFiles: readonly string[]): Promise<string[]> {
  return [...renderedFiles, ...(await stylesheetsOf(outDir)).map((name) => `_astro/${name}`), 'sw.js'];
}

/** Stylesheets of a deploy (`_astro/*.css`): the names its pages point to. */
export async function stylesheetsOf(deployDir: string): Promise<string[]> {
  const names = await readdir(path.join(deployDir, '_astro')).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.css'));
}

/** What the site's output depends on besides the content: its code, the contract's, the dependencies. */
export const codeInputs = [
  'site/src',
  'site/public',
  'site/astro.config.ts',
  'site/package.json',
  'content-schemas/src',
  'package-lock.json',
];

/**
 * A fingerprint of the code that builds the site: a deploy made by other code is never the base of
 * an incremental one. Also covers the Node.js major version (Astro's output may depend on it).
 */
export async function codeVersion(root = repositoryRoot, inputs = codeInputs): Promise<string> {
  const hash = createHash('sha256').update(`node ${process.versions.node.split('.')[0]}\n`);
  for (const input of inputs) {
    const absolute = path.join(root, input);
    if (!existsSync(absolute)) continue;
    const files = (await stat(absolute)).isDirectory() ? (await filesIn(absolute)).map((file) => `${input}/${file}`) : [input];
    for (const file of files) hash.update(`${file}\n`).update(await readFile(path.join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}
