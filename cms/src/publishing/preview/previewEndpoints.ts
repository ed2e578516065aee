/**
 * The preview endpoints (docs/publishing.md, « Prévisualisation »), opened in a new tab from the
 * « Prévisualiser » button of a fiche or a translation:
 *
 *   GET /api/preview/fiche/:id/:locale    the fiche's latest draft, on its page in that language
 *   GET /api/preview/translation/:id      a translator's proposal over the fiche, in its language
 *   GET /api/preview/page/:key/…          the rendered page and its styles, scripts and images
 *
 * The first two check access, then either send the reader to the rendered page or, while it
 * renders, answer a French progress page that reloads itself. Every answer is `noindex`, and
 * every file is checked again against the reader's access to the draft it shows.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { Endpoint, PayloadRequest } from 'payload';

import { localeCodes, siteContentType, sitePaths, type Locale } from '@passerelle/content-schemas';

import { canPreviewDraft } from '../../access/canPreviewDraft';
import { escapeMarkup } from '../../utilities/escapeMarkup';
import { applyProposal, previewableFiche, writePreviewSnapshot } from './previewSnapshot';
import {
  forgetFailure,
  isInside,
  isRenderKey,
  readyTarget,
  renderedSiteDir,
  renderKey,
  renderState,
  startRender,
  type PreviewTarget,
} from './previewRenders';

export const previewRobots = 'noindex, nofollow, noarchive';

/** The site's own policy (scripts/src/cdnRules.ts), with no service worker: the page is served by the CMS. */
const previewPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function previewHeaders(contentType: string, cache = 'private, no-store'): Headers {
  return new Headers({
    'content-type': contentType,
    'cache-control': cache,
    'x-robots-tag': previewRobots,
    'content-security-policy': previewPolicy,
    'referrer-policy': 'no-referrer',
  });
}

/** A small French page of the CMS itself: progress, or why there is nothing to show. */
function notice({
  status,
  title,
  text,
  refresh,
  retry,
}: {
  status: number;
  title: string;
  text: string;
  refresh?: boolean;
  retry?: string;
}): Response {
  const html =
    `<!DOCTYPE html><html lang="fr" dir="ltr"><head><meta charset="utf-8"><meta name="robots" content="${previewRobots}">${
      refresh ? '<meta http-equiv="refresh" content="2">' : ''
    }<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeMarkup(title)} — Aperçu Passerelle</title></head>` +
    `<body style="font-family: system-ui, sans-serif; max-inline-size: 40rem; margin-block: 4rem; margin-inline: auto; padding-inline: 1rem; line-height: 1.5">` +
    `<main><h1 style="font-size: 1.5rem">${escapeMarkup(title)}</h1>${refresh ? `<p role="status">${escapeMarkup(text)}</p>` : `<p>${escapeMarkup(text)}</p>`}` +
    `${retry ? `<p><a href="${escapeMarkup(retry)}">Réessayer</a></p>` : ''}</main></body></html>`;
  const headers = previewHeaders('text/html; charset=utf-8');
  // The progress page's own inline styles and empty icon (else the browser asks the CMS for
  // /favicon.ico at every reload); nothing of the site runs here.
  headers.set(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  return new Response(html, { status, headers });
}

const refused: Record<401 | 403 | 404, { title: string; text: string }> = {
  401: { title: 'Connexion requise', text: 'Connectez-vous à l’administration de Passerelle pour voir cet aperçu.' },
  403: {
    title: 'Accès refusé',
    text: 'Votre compte ne peut pas lire ce brouillon : l’aperçu est réservé aux personnes qui peuvent le consulter dans l’administration.',
  },
  404: { title: 'Introuvable', text: 'Ce document n’existe pas ou a été supprimé.' },
};

const apiPath = (req: PayloadRequest) => req.payload.config.routes.api.replace(/\/$/, '');
const pagePrefix = (req: PayloadRequest, key: string) => `${apiPath(req)}/preview/page/${key}`;

/** Where a media file that is not on this machine's disk is read from: this CMS, as the browser reached it. */
const originOf = (req: PayloadRequest) =>
  req.payload.config.serverURL || (req.url ? new URL(req.url).origin : 'http://localhost:3000');

function param(req: PayloadRequest, name: string): string {
  const value = (req.routeParams as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Answers an opening: the rendered page when ready, else the progress (starting the render).
 * `versions` name what the page depends on, so an edit makes a new render and reopening does not.
 */
async function open(
  req: PayloadRequest,
  {
    target,
    fiche,
    locale,
    versions,
    content,
    self,
  }: {
    target: PreviewTarget;
    fiche: Record<string, unknown>;
    locale: Locale;
    versions: string[];
    content: () => Record<string, unknown>;
    self: string;
  },
): Promise<Response> {
  const key = await renderKey(target, versions);
  const retry = new URL(req.url ?? 'http://localhost').searchParams.has('retry');
  if (retry) forgetFailure(key);
  let state = await renderState(key);
  if (!state) {
    let draft: Record<string, unknown>;
    try {
      draft = previewableFiche(content());
    } catch (error) {
      return notice({ status: 422, title: 'Aperçu impossible', text: error instanceof Error ? error.message : String(error) });
    }
    startRender({
      key,
      target,
      ficheId: String(fiche.id),
      writeSnapshot: (dir) => writePreviewSnapshot(req.payload, draft, dir, originOf(req)),
      log: (line) => req.payload.logger.warn(line),
    });
    state = await renderState(key);
  }
  if (state?.status === 'ready') {
    const page = sitePaths.fiche(locale, { type: fiche.type as 'demarche' | 'dispositif', slug: String(fiche.slug) });
    return new Response(null, {
      status: 302,
      headers: {
        location: `${pagePrefix(req, key)}${page}`,
        'cache-control': 'private, no-store',
        'x-robots-tag': previewRobots,
      },
    });
  }
  if (state?.status === 'failed') {
    const contentProblem = state.reason.startsWith('Ce brouillon');
    return notice({
      status: contentProblem ? 422 : 500,
      title: 'Aperçu impossible',
      text: state.reason,
      retry: `${self}${self.includes('?') ? '&' : '?'}retry=1`,
    });
  }
  const seconds = state ? Math.round((Date.now() - state.startedAt) / 1000) : 0;
  return notice({
    status: 202,
    title: 'Préparation de l’aperçu…',
    text: `${state?.stage ?? 'Préparation'} (${seconds} s). La page s’affichera d’elle-même dans quelques secondes, telle qu’elle sera publiée.`,
    refresh: true,
  });
}

const versionOf = (doc: Record<string, unknown>) => String(doc.updatedAt ?? '');

export const previewFicheEndpoint: Endpoint = {
  path: '/preview/fiche/:id/:locale',
  method: 'get',
  handler: async (req) => {
    const locale = param(req, 'locale');
    if (!(localeCodes as readonly string[]).includes(locale))
      return notice({
        status: 400,
        title: 'Langue inconnue',
        text: `« ${locale} » n’est pas une langue du site (${localeCodes.join(', ')}).`,
      });
    const access = await canPreviewDraft(req, 'fiches', param(req, 'id'));
    if (!access.ok) return notice({ status: access.status, ...refused[access.status] });
    const fiche = access.doc;
    return open(req, {
      target: { collection: 'fiches', id: String(fiche.id), version: versionOf(fiche) },
      fiche,
      locale: locale as Locale,
      versions: [versionOf(fiche)],
      content: () => fiche,
      self: `${apiPath(req)}/preview/fiche/${String(fiche.id)}/${locale}`,
    });
  },
};

export const previewTranslationEndpoint: Endpoint = {
  path: '/preview/translation/:id',
  method: 'get',
  handler: async (req) => {
    const access = await canPreviewDraft(req, 'translations', param(req, 'id'));
    if (!access.ok) return notice({ status: access.status, ...refused[access.status] });
    const proposal = access.doc;
    const language = proposal.language as Exclude<Locale, 'fr'>;
    const ficheId =
      typeof proposal.fiche === 'object' && proposal.fiche
        ? String((proposal.fiche as { id: unknown }).id)
        : String(proposal.fiche);
    // The translation is read over the fiche as it now stands, French draft included.
    const fiche = (await req.payload.findByID({
      collection: 'fiches',
      id: ficheId,
      depth: 0,
      draft: true,
      locale: 'all',
      overrideAccess: true,
      disableErrors: true,
      req,
    })) as unknown as Record<string, unknown> | null;
    if (!fiche) return notice({ status: 404, ...refused[404] });
    return open(req, {
      target: { collection: 'translations', id: String(proposal.id), version: versionOf(proposal) },
      fiche,
      locale: language,
      versions: [versionOf(proposal), versionOf(fiche)],
      content: () => applyProposal(fiche, proposal, language),
      self: `${apiPath(req)}/preview/translation/${String(proposal.id)}`,
    });
  },
};

/**
 * The site's pages use root-relative addresses (`/_astro/site.css`, `/ar/`): under the CMS they
 * point into this preview. Absolute addresses (canonical, hreflang) keep the public site's.
 */
export function rewriteRootPaths(text: string, prefix: string, kind: 'html' | 'css' | 'js'): string {
  if (kind === 'css') return text.replace(/url\((["']?)\/(?!\/)/g, `url($1${prefix}/`);
  // Scripts name their own chunks from the root: in strings, and in Vite's preload helper.
  if (kind === 'js')
    return text
      .replace(/(["'`])\/_astro\//g, `$1${prefix}/_astro/`)
      .replace(/return\s*(["'])\/\1\s*\+/g, `return$1${prefix}/$1+`);
  return text
    .replace(/(\s(?:href|src|action|poster|data-[\w-]+)=)(["']?)\/(?!\/)/g, `$1$2${prefix}/`)
    .replace(
      /(\ssrcset=)(["'])([^"']*)\2/g,
      (_all, name: string, quote: string, value: string) =>
        `${name}${quote}${value.replace(/(^|,\s*)\/(?!\/)/g, `$1${prefix}/`)}${quote}`,
    )
    .replace(/url\((["']?)\/(?!\/)/g, `url($1${prefix}/`);
}

export const previewPageEndpoint: Endpoint = {
  path: '/preview/page/:key/:file*',
  method: 'get',
  handler: async (req) => {
    const key = param(req, 'key');
    const target = isRenderKey(key) ? await readyTarget(key) : undefined;
    if (!req.user) return notice({ status: 401, ...refused[401] });
    if (!target)
      return notice({
        status: 404,
        title: 'Aperçu expiré',
        text: 'Cet aperçu n’existe plus : rouvrez-le depuis l’administration.',
      });
    const access = await canPreviewDraft(req, target.collection, target.id);
    if (!access.ok) return notice({ status: access.status, ...refused[access.status] });
    // Reading the document is not enough: a contributor of another structure reads a live fiche,
    // not its draft. The version this reader gets must be the one rendered.
    if (versionOf(access.doc) !== target.version)
      return notice({
        status: 403,
        title: 'Aperçu inaccessible',
        text: 'Cet aperçu montre une version que votre compte ne peut pas lire, ou qui a été modifiée depuis : rouvrez l’aperçu depuis l’administration.',
      });
    const file = (req.routeParams as { file?: string[] | string } | undefined)?.file;
    const segments = Array.isArray(file) ? file : file ? [file] : [];
    const root = renderedSiteDir(key);
    let absolute = path.join(root, ...segments);
    if (!isInside(absolute, root)) return notice({ status: 404, ...refused[404] });
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) absolute = path.join(absolute, 'index.html');
    const body = await readFile(absolute).catch(() => undefined);
    if (!body)
      return notice({
        status: 404,
        title: 'Page absente de l’aperçu',
        text: 'L’aperçu ne contient que la fiche prévisualisée et les fichiers de sa page.',
      });
    const extension = path.extname(absolute).toLowerCase();
    const type = siteContentType(absolute);
    const prefix = pagePrefix(req, key);
    const kind = ({ '.html': 'html', '.css': 'css', '.js': 'js' } as const)[extension as '.html' | '.css' | '.js'];
    if (kind) {
      const text = rewriteRootPaths(body.toString('utf8'), prefix, kind);
      return new Response(text, { status: 200, headers: previewHeaders(type) });
    }
    // Assets are named by their content: the browser may keep them for the session.
    return new Response(new Uint8Array(body), { status: 200, headers: previewHeaders(type, 'private, max-age=3600') });
  },
};

/**
 * A preview needs the site's sources next to the CMS (the repository checkout the publisher
 * also runs from): where they are missing, or anything else fails, the reader gets a French page.
 */
function withFrenchFailure(endpoint: Endpoint): Endpoint {
  return {
    ...endpoint,
    handler: async (req) => {
      try {
        return await endpoint.handler(req);
      } catch (error) {
        req.payload.logger.error({ err: error, msg: `preview: ${req.url ?? ''}` });
        return notice({
          status: 500,
          title: 'Aperçu indisponible',
          text: `L’aperçu n’a pas pu être préparé sur ce serveur : ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    },
  };
}

export const previewEndpoints: Endpoint[] = [previewFicheEndpoint, previewTranslationEndpoint, previewPageEndpoint].map(
  withFrenchFailure,
);
