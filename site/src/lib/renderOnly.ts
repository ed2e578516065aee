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

import { departementSegment } from '@passerelle/content-schemas';

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
