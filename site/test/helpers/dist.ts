/** Reading the fixture build: its pages, parsed, and the fixture content they were made from. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse, type HTMLElement } from 'node-html-parser';

import { isLocale, parseDocuments, type Fiche, type Locale } from '@passerelle/content-schemas';

import { fixtureSnapshotDir, testDistDir } from './paths';

export type BuiltPage = { urlPath: string; file: string; html: string; document: HTMLElement };

/** `/ar/demarches/carte-vitale/` for `ar/demarches/carte-vitale/index.html`. */
export function urlPathOf(relativeFile: string): string {
  const normalized = relativeFile.split(path.sep).join('/');
  if (normalized === 'index.html') return '/';
  if (normalized.endsWith('/index.html')) return `/${normalized.slice(0, -'index.html'.length)}`;
  return `/${normalized}`;
}

export function distFiles(extension: string): string[] {
  return readdirSync(testDistDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .sort();
}

const cache = new Map<string, BuiltPage>();

export function page(urlPath: string): BuiltPage {
  const cached = cache.get(urlPath);
  if (cached) return cached;
  const relative = urlPath.endsWith('/') ? `${urlPath.slice(1)}index.html` : urlPath.slice(1);
  const file = path.join(testDistDir, relative);
  const html = readFileSync(file, 'utf8');
  const built = { urlPath, file, html, document: parse(html) };
  cache.set(urlPath, built);
  return built;
}

export function allPages(): BuiltPage[] {
  return distFiles('.html').map((file) => page(urlPathOf(file)));
}

/**
 * The language of a page from its URL (`/ar/…` and the embed lists `/embed/ar/…` → ar);
 * undefined for `/`, `/404.html`, `/f/…`, `/embed/`.
 */
export function urlLocale(urlPath: string): Locale | undefined {
  const [, first = '', second = ''] = urlPath.split('/');
  const segment = first === 'embed' ? second : first;
  return isLocale(segment) ? segment : undefined;
}

export function fixtureFiches(): Fiche[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(fixtureSnapshotDir, 'fiches.json'), 'utf8'));
  return parseDocuments('fiches', raw);
}

export function fixtureFiche(slug: string) {
  const fiche = fixtureFiches().find((candidate) => candidate.slug === slug);
  if (!fiche) throw new Error(`No fixture fiche ${slug}`);
  return fiche;
}
