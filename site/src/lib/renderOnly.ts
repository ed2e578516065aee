/**
 * Incremental publication (docs/publishing.md): the publisher renders only the pages a change
 * touches and takes every other file from the live deploy. It names what to render in a JSON
 * file given by `PASSERELLE_RENDER_ONLY`; without it (every ordinary build) every page renders.
 *
 * Only the routes whose count grows with the corpus are restricted — fiche pages, short links
 * and département pages; every other route (homes, themes, structures, lists, feeds, open data,
 * sitemaps, embeds…) is rendered by every build, so what they show can never go stale.
 */
import { readFileSync } from 'node:fs';

import { departementSegment, sectionKeys, type SectionKey } from '@passerelle/content-schemas';

export const renderOnlyVariable = 'PASSERELLE_RENDER_ONLY';

export type RenderSelection = {
  /** Fiche ids whose pages (every language) and short link are rendered. */
  fiches: string[];
  /** Département codes whose pages are rendered, or every one. */
  departements: string[] | 'all';
};

let cached: RenderSelection | null | undefined;

/** The selection of this build, or null when the build renders every page. */
export function renderSelection(env: Record<string, string | undefined> = process.env): RenderSelection | null {
  if (env === process.env && cached !== undefined) return cached;
  const file = env[renderOnlyVariable];
  const selection = file ? (JSON.parse(readFileSync(file, 'utf8')) as RenderSelection) : null;
  if (
    selection &&
    (!Array.isArray(selection.fiches) || !(selection.departements === 'all' || Array.isArray(selection.departements)))
  )
    throw new Error(`${renderOnlyVariable}: ${file} is not a render selection ({ fiches: [...], departements: [...] | "all" })`);
  if (env === process.env) cached = selection;
  return selection;
}

/** Whether a build renders a fiche's pages. */
export function rendersFiche(fiche: { id: string }, selection = renderSelection()): boolean {
  return !selection || selection.fiches.includes(fiche.id);
}

/** Whether a build renders a département's page. */
export function rendersDepartement(code: string, selection = renderSelection()): boolean {
  if (!selection || selection.departements === 'all') return true;
  return selection.departements.some((selected) => departementSegment(selected) === departementSegment(code));
}

/** Whether this build renders only part of the site (the whole-site passes then run in the publisher). */
export function isPartialBuild(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env[renderOnlyVariable]);
}

/**
 * A fiche as a partial build stores it in Astro's content layer: whole when its pages render,
 * else without its sections (« C'est quoi ? », « Comment faire ? »…, two thirds of a fiche's
 * JSON), which only its own pages and appointment sheet show. Every other route that renders
 * in a partial build (lists, feeds, open data, sitemaps) reads the other fields only. The store
 * is what Astro serializes, bundles into the server build and parses back (the data store
 * module): its size, not the pages rendered, made a partial build's cost grow with the corpus.
 */
export function storedFiche<F extends { id: string }>(fiche: F, selection = renderSelection()): F | Omit<F, SectionKey> {
  if (rendersFiche(fiche, selection)) return fiche;
  const light: Record<string, unknown> = { ...fiche };
  for (const key of sectionKeys) delete light[key];
  return light as Omit<F, SectionKey>;
}

/**
 * The catalog's side of `storedFiche`: reading a section left out of the store fails the build
 * with the fiche and the section, instead of rendering an empty section that a full build would
 * fill (a route added later that shows sections must then render only selected fiches).
 */
export function guardLeftOutSections<F extends { id: string }>(fiche: F, selection = renderSelection()): F {
  if (rendersFiche(fiche, selection)) return fiche;
  for (const key of sectionKeys) {
    if (key in fiche) continue;
    Object.defineProperty(fiche, key, {
      enumerable: false,
      get() {
        throw new Error(
          `fiches ${fiche.id} ${key}: not loaded in this partial build (${renderOnlyVariable}); only the selected fiches' sections are`,
        );
      },
    });
  }
  return fiche;
}
