/**
 * The publish pipeline: published content → a new static deploy, live only if it is whole.
 *
 *   1. export the published content from the CMS into a private snapshot
 *   2. build the site (the site workspace's build: Astro, Pagefind…) into a hidden folder
 *   3. write `_headers` and `_redirects` (CDN rules, also applied by our local server)
 *   4. verify: every language, one page per published fiche in each, no collapse
 *   5. rename the folder to `deploys/<id>/`, switch `deploys/current` to it atomically,
 *      keep the last five deploys
 *
 * Any failure leaves `deploys/current` as it was and throws a PublishError whose `reason` is
 * the French sentence editors read in the admin.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { CmsReadError, ContentContractError, type Fiche, type PublishStage } from '@passerelle/content-schemas';
import {
  CmsTimeoutError,
  cmsTimeoutMs,
  fetchWithDeadline,
  getFromCms,
  networkErrorText,
} from '@passerelle/content-schemas/cmsReader';
import { filesIn } from '@passerelle/content-schemas/fileListing';

import {
  contentSecurityPolicy,
  formatHeaders,
  formatRedirects,
  headerRules,
  pagePathOf,
  redirectRules,
  type FormerAddress,
  type InlineCodeCount,
} from './cdnRules';
import {
  createDeployId,
  currentDeployId,
  currentDeployMeta,
  defaultKeep,
  ensureDeploysDir,
  partialDirFor,
  pruneDeploys,
  switchCurrent,
  workDirFor,
  writeDeployMeta,
  type DeployMeta,
  type PageCounts,
} from './deploys';
import { directorySize, filesSize, findSpaceShortage, megabytes, pruneMediaCache, type StatFs } from './diskSpace';
import { exportSnapshot, type ExportReport } from './export';
import {
  codeVersion,
  madeByPublication,
  mergeDeploy,
  planBuild,
  readSnapshot,
  relinkUnchanged,
  stylesheetsOf,
  type BuildPlan,
} from './incremental';
import { acquirePublishLock, PublishLockedError, type PublishLock } from './publishLock';
import { buildSiteWithNpm, runLogged, siteDir, type SiteBuilder } from './siteBuild';
import { collectInlineCode, countPages, verifyBuild } from './verifyDeploy';

/** The stages, typed once in the contract (content-schemas/src/publishProtocol.ts). */
export type { PublishStage };

export type PublishOptions = {
  cmsUrl: string;
  siteUrl: string;
  deploysDir: string;
  /** The CMS build record this deploy answers, kept in the deploy's metadata. */
  buildId?: string;
  keep?: number;
  /** Refuse a build with fewer than this share of the live site's fiches or pages. */
  minRatio?: number;
  allowShrink?: boolean;
  /**
   * Where builds run on a fresh machine (CI), the live site to compare with for the collapse
   * check: its `/deploy.json`. Locally the live deploy's metadata is used.
   */
  liveSiteUrl?: string;
  buildSite?: SiteBuilder;
  fetchImpl?: typeof fetch;
  /** How long one read of the CMS may take (a media file: four times that). */
  cmsTimeoutMs?: number;
  log?: (line: string) => void;
  /** Called when a stage starts, so a caller can show progress. */
  onStage?: (stage: PublishStage) => void;
  signal?: AbortSignal;
  /** How long to wait for another publication in the same deploy folder to finish (default 10 min). */
  lockWaitMs?: number;
  /** Refuse to start below this much free disk space (default 512 MB), or twice the live deploy's size if larger. */
  minFreeBytes?: number;
  /** The image caches pruned before each build (default: Astro's, under site/node_modules/.astro). */
  mediaCacheDirs?: readonly string[];
  /** Their size limit (default 1 GB); entries unused for 90 days go whatever the size. */
  mediaCacheMaxBytes?: number;
  statfs?: StatFs;
  /** Render every page (`npm run publish:site -- --full`), whatever changed. */
  full?: boolean;
  /** Runs the whole-site passes after the build, full or incremental (default: the site's wholeSitePasses.ts). */
  finishDeploy?: DeployFinisher;
};

export type DeployFinisher = (options: {
  outDir: string;
  formerStylesheets: string[];
  log: (line: string) => void;
  signal?: AbortSignal;
  /**
   * A full build: every whole-site pass runs on the pages Astro wrote (QR codes, web app files
   * and social images included), and the live deploy gives its QR codes only. Otherwise a
   * merged incremental deploy.
   */
  full?: boolean;
  /** The live deploy and its search record: the languages whose search input did not change are taken from it (incremental only). */
  liveDir?: string;
  liveSearchRecord?: string;
  /** Where to write the new deploy's search record. */
  searchRecord?: string;
  /** The live deploy's QR code record, and where to write the new deploy's (site/src/integrations/printQrCodes.ts). */
  liveQrRecord?: string;
  qrRecord?: string;
  /** Where to write the inline code of the pages the passes read, which the checks then take (`InlineCodeCount`). */
  inlineCode?: string;
}) => Promise<void>;

/** The site's own whole-site passes (site/src/integrations/wholeSitePasses.ts), in a child process like the build. */
export const finishWithSite: DeployFinisher = ({
  outDir,
  formerStylesheets,
  log,
  signal,
  full,
  liveDir,
  liveSearchRecord,
  searchRecord,
  liveQrRecord,
  qrRecord,
  inlineCode,
}) =>
  runLogged(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/integrations/wholeSitePasses.ts',
      outDir,
      ...formerStylesheets,
      ...(full ? ['--full'] : []),
      ...(liveDir && (liveSearchRecord || liveQrRecord) ? [`--live=${liveDir}`] : []),
      ...(liveDir && liveSearchRecord && !full ? [`--live-search-record=${liveSearchRecord}`] : []),
      ...(liveDir && liveQrRecord ? [`--live-qr-record=${liveQrRecord}`] : []),
      ...(searchRecord ? [`--search-record=${searchRecord}`] : []),
      ...(qrRecord ? [`--qr-record=${qrRecord}`] : []),
      ...(inlineCode ? [`--inline-code=${inlineCode}`] : []),
    ],
    // The build's heap limit is not this process's: it holds no content, and Pagefind's services are threads of it.
    { cwd: siteDir, env: { ...process.env }, log, signal },
  );

/** Which kind of build made a deploy, and why (a French sentence the admin shows). */
export type BuildKind = { kind: 'full' | 'incremental'; why: string };

/** Written when an incremental publication fails: the next one is a full build. */
export const nextFullMarker = '.next-full';

/** The content snapshot a deploy was built from, kept next to it (outside what is served). */
export function snapshotDirOf(deploysDir: string, id: string): string {
  return path.join(deploysDir, `${id}.snapshot`);
}

/**
 * A deploy's search index record (site/src/integrations/searchIndex.ts: each language's search
 * input digest and Pagefind files), kept in its content snapshot folder: it goes with the deploy
 * (pruned, cached, rolled back with it) and is never served. The next incremental publication
 * takes from the live deploy the languages whose search input did not change.
 */
export const searchRecordFile = 'search-index.json';

/** The QR code record's name there (site/src/integrations/printQrCodes.ts). */
export const qrRecordFile = 'qr-codes.json';

/** Astro's cache folder (`cacheDir`, default `node_modules/.astro` of the site): optimised images, and media downloaded when building straight from the CMS. */
export const defaultMediaCacheDirs = [
  path.join(siteDir, 'node_modules', '.astro', 'assets'),
  path.join(siteDir, 'node_modules', '.astro', 'passerelle-media'),
];

export type PublishReport = {
  deployId: string;
  previousDeployId: string | undefined;
  publishedFiches: number;
  pages: PageCounts;
  redirects: number;
  /** From the start to the switch: the new deploy is live (old deploys are pruned after). */
  durationMs: number;
  warnings: string[];
  kind: BuildKind['kind'];
  why: string;
  /** Milliseconds per step (export, plan, build, merge, finish, verify, switch; then prune, once live). */
  timings: Record<string, number>;
  /** How the content was read: only what changed since the live deploy's snapshot, or all of it. */
  exported: { kind: 'full' | 'incremental'; read: Record<string, number> };
};

export class PublishError extends Error {
  constructor(
    readonly stage: PublishStage,
    readonly status: 'failed' | 'refused',
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

const stageReasons: Record<PublishStage, string> = {
  export: 'Le contenu n’a pas pu être lu depuis le CMS',
  build: 'La construction du site a échoué',
  verify: 'Le site construit n’a pas passé les vérifications',
  switch: 'La mise en ligne du nouveau site a échoué',
};

/**
 * One publication at a time per deploy folder, whoever started it: the exclusive lock
 * (publishLock.ts) is taken before anything else, and released whatever happens.
 */
export async function publishSite(options: PublishOptions): Promise<PublishReport> {
  const id = createDeployId();
  await ensureDeploysDir(options.deploysDir);
  let lock: PublishLock;
  try {
    lock = await acquirePublishLock(options.deploysDir, {
      id,
      waitMs: options.lockWaitMs ?? 10 * 60_000,
      signal: options.signal,
      onWait: (owner) =>
        options.log?.(
          `publish: waiting for the publication running in ${options.deploysDir}${owner ? ` (pid ${owner.pid}, since ${owner.startedAt})` : ''}…`,
        ),
    });
  } catch (error) {
    if (!(error instanceof PublishLockedError)) throw error;
    const since = error.owner ? ` depuis ${error.owner.startedAt} (processus ${error.owner.pid} sur ${error.owner.host})` : '';
    throw new PublishError(
      'export',
      'failed',
      `Une autre publication est en cours${since} et ne s’est pas terminée à temps. Relancez la publication quand elle sera finie.`,
      error.message,
      { cause: error },
    );
  }
  try {
    return await publishLocked(options, id);
  } finally {
    await lock.release();
  }
}

async function publishLocked(options: PublishOptions, id: string): Promise<PublishReport> {
  const {
    cmsUrl,
    siteUrl,
    deploysDir,
    keep = defaultKeep,
    minRatio = 0.5,
    allowShrink = false,
    buildSite = buildSiteWithNpm,
  } = options;
  const { fetchImpl = fetch, onStage = () => {}, signal, cmsTimeoutMs: timeoutMs = cmsTimeoutMs } = options;
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 200) recent.shift();
    options.log?.(line);
  };
  const started = Date.now();
  const partial = partialDirFor(deploysDir, id);
  const work = workDirFor(deploysDir, id);
  const warnings: string[] = [];
  let stage = 'export' as PublishStage;
  const enter = (next: PublishStage) => {
    if (signal?.aborted) throw new Error('stopped');
    stage = next;
    onStage(next);
    log(`publish: ${next}…`);
  };

  // Leftovers of a build that was interrupted (crash, kill) go before anything else: with the
  // lock held, no other build runs here, so other runs' work folders are leftovers.
  await pruneDeploys(deploysDir, keep);
  const code = await codeVersion();
  try {
    enter('export');
    await checkDiskSpace(options, log);
    const before = await countPublishedFiches(cmsUrl, fetchImpl, timeoutMs);
    const snapshotDir = path.join(work, 'snapshot');
    const liveId = await currentDeployId(deploysDir);
    // Whether the live deploy can be the base of an incremental publication is known before the
    // export: if so, the export too reads only what changed since the live deploy's snapshot.
    const base = await incrementalBase({ options, deploysDir, liveId, siteUrl, code });
    const exported = await exportSnapshot({
      cmsUrl,
      snapshotDir,
      fetchImpl,
      log,
      timeoutMs,
      ...(base.kind === 'incremental' ? { base: base.snapshotDir } : {}),
    });
    const formerAddresses = await fetchFormerAddresses(cmsUrl, fetchImpl, timeoutMs);
    const after = await countPublishedFiches(cmsUrl, fetchImpl, timeoutMs);
    const publishedFiches = exported.counts.fiches;
    // When nobody published meanwhile, the export must hold exactly what the CMS counts.
    if (before === after && publishedFiches !== before) {
      throw new PublishError(
        'export',
        'failed',
        `L’export ne contient pas toutes les fiches publiées (${publishedFiches} sur ${before}).`,
        `the export holds ${publishedFiches} fiches but the CMS counts ${before} published`,
      );
    }

    let mark = Date.now();
    const timings: Record<string, number> = {};
    const lap = (name: string) => {
      timings[name] = Date.now() - mark;
      mark = Date.now();
    };
    timings.export = mark - started;
    log(
      `publish: export ${exported.kind === 'incremental' ? `of what changed since ${liveId}` : 'of everything'} (documents read: ${Object.entries(
        exported.read,
      )
        .map(([collection, count]) => `${collection} ${count}`)
        .join(', ')})`,
    );
    const plan = await choosePlan(base, snapshotDir, exported);
    lap('plan');
    log(`publish: ${plan.kind} build (${plan.why})`);

    enter('build');
    // The whole-site passes count the inline code of the pages they read: the checks take it from there.
    const inlineCodeFile = path.join(work, 'inline-code.json');
    // An incremental publication's own pages (the others are the live deploy's, hard links).
    let renderedPages: readonly string[] | undefined;
    if (plan.kind === 'incremental' && liveId) {
      try {
        const selectionFile = path.join(work, 'render-only.json');
        await writeFile(selectionFile, JSON.stringify(plan.selection));
        const rendered = path.join(work, 'rendered');
        await buildSite({ snapshotDir, siteUrl, outDir: rendered, log, signal, renderOnly: selectionFile });
        lap('build');
        const liveDir = path.join(deploysDir, liveId);
        const merged = await mergeDeploy({ liveDir, partialDir: rendered, outDir: partial, keep: plan.keep });
        lap('merge');
        log(`publish: ${merged.rendered} files rendered, ${merged.linked} kept from ${liveId} (hard links)`);
        renderedPages = merged.renderedFiles.filter((file) => file.endsWith('.html'));
        await (options.finishDeploy ?? finishWithSite)({
          outDir: partial,
          formerStylesheets: await stylesheetsOf(liveDir),
          log,
          signal,
          liveDir,
          liveSearchRecord: path.join(snapshotDirOf(deploysDir, liveId), searchRecordFile),
          searchRecord: path.join(snapshotDir, searchRecordFile),
          liveQrRecord: path.join(snapshotDirOf(deploysDir, liveId), qrRecordFile),
          qrRecord: path.join(snapshotDir, qrRecordFile),
          inlineCode: inlineCodeFile,
        });
        const relinked = await relinkUnchanged(partial, liveDir, {
          only: await madeByPublication(partial, merged.renderedFiles),
        });
        log(`publish: ${relinked} rendered files unchanged from ${liveId}, linked to it`);
        lap('finish');
      } catch (error) {
        await markNextFull(deploysDir, error);
        throw error;
      }
    } else {
      // Astro renders every page and exits; the whole-site passes then run in a process of their
      // own, as an incremental publication's do, without the content Astro's process held.
      await buildSite({ snapshotDir, siteUrl, outDir: partial, log, signal, renderOnly: '', passesAfter: true });
      lap('build');
      // The live deploy, when there is one, gives the QR codes of the addresses it drew with the same code.
      const liveDir = liveId ? path.join(deploysDir, liveId) : undefined;
      await (options.finishDeploy ?? finishWithSite)({
        outDir: partial,
        formerStylesheets: [],
        log,
        signal,
        full: true,
        ...(liveDir && liveId ? { liveDir, liveQrRecord: path.join(snapshotDirOf(deploysDir, liveId), qrRecordFile) } : {}),
        searchRecord: path.join(snapshotDir, searchRecordFile),
        qrRecord: path.join(snapshotDir, qrRecordFile),
        inlineCode: inlineCodeFile,
      });
      lap('finish');
    }

    enter('verify');
    const createdAt = new Date().toISOString();
    // Listed once (36,000 files at 1,000 fiches, 0.25–0.3 s a listing): the files written
    // below are added to the list as the listing would have them (sorted, once each).
    let files = await filesIn(partial);
    // Public too: which version is live, and what the next build compares itself with.
    await writeFile(
      path.join(partial, deployInfoFile),
      `${JSON.stringify({ id, createdAt, publishedFiches, pages: countPages(files) }, null, 2)}\n`,
    );
    files = withListed(files, [deployInfoFile]);
    const fiches: readonly Fiche[] = exported.documents.fiches;
    const pagePaths = new Set(files.map(pagePathOf).filter((page): page is string => Boolean(page)));
    const redirects = redirectRules({ fiches, formerAddresses, pages: pagePaths });
    // Pages still hard-linked to the live deploy passed these checks when it went live: an
    // incremental publication checks the pages it rendered and those the whole-site passes wrote
    // (they counted what they read, which is not read again).
    const counted = await readFile(inlineCodeFile, 'utf8').then(
      (text) => JSON.parse(text) as InlineCodeCount,
      () => undefined,
    );
    const inlineCode = await collectInlineCode(
      partial,
      renderedPages ? [...new Set([...renderedPages, ...(counted?.read ?? [])])].sort() : files,
      counted,
    );
    await writeFile(path.join(partial, '_headers'), formatHeaders(headerRules(files, contentSecurityPolicy())));
    await writeFile(path.join(partial, '_redirects'), formatRedirects(redirects));
    files = withListed(files, ['_headers', '_redirects']);
    const live =
      (await currentDeployMeta(deploysDir)) ??
      (options.liveSiteUrl ? await fetchLiveMeta(options.liveSiteUrl, fetchImpl, timeoutMs) : undefined);
    const { pages, problems } = verifyBuild({ files, publishedFiches, live, minRatio, allowShrink, inlineCode });
    const [problem] = problems;
    lap('verify');
    if (problem) {
      if (plan.kind === 'incremental')
        await markNextFull(deploysDir, new Error(problems.map((entry) => entry.message).join('; ')));
      throw new PublishError(
        'verify',
        problem.kind,
        problems.map((entry) => entry.reason).join(' '),
        problems.map((entry) => entry.message).join('; '),
      );
    }
    for (const warning of warnings) log(`publish: warning: ${warning}`);

    enter('switch');
    // Its size, for the next publication's disk check: the files just listed, a batch of stats
    // at a time (0.3 s at 1,000 fiches), exact whatever kind of build made them.
    const bytes = await filesSize(partial, files);
    const previousDeployId = await currentDeployId(deploysDir);
    await rename(partial, path.join(deploysDir, id));
    const meta: DeployMeta = {
      id,
      createdAt,
      cmsUrl,
      siteUrl,
      publishedFiches,
      pages,
      redirects: redirects.length,
      ...(options.buildId ? { buildId: options.buildId } : {}),
      kind: plan.kind,
      why: plan.why,
      codeVersion: code,
      bytes,
    };
    // The content behind this deploy: what the next publication compares itself with.
    await rename(snapshotDir, snapshotDirOf(deploysDir, id));
    await writeDeployMeta(deploysDir, meta);
    await switchCurrent(deploysDir, id);
    await rm(path.join(deploysDir, nextFullMarker), { force: true });
    lap('switch');
    const durationMs = Date.now() - started;
    log(
      `publish: ${id} is live (${plan.kind}, ${pages.total} pages, ${publishedFiches} fiches in ${Object.keys(pages.fiches).length} languages, ${durationMs} ms: ${Object.entries(
        timings,
      )
        .map(([step, ms]) => `${step} ${ms}`)
        .join(', ')})`,
    );
    // The publication's time ends at the switch. Removing the deploys beyond `keep` (a deploy is
    // 36,000 files at 1,000 fiches: about 2 s) is its housekeeping once live, timed on its own.
    const removed = await pruneDeploys(deploysDir, keep);
    lap('prune');
    if (removed.length > 0) log(`publish: ${removed.join(', ')} removed, ${keep} deploys kept (${timings.prune} ms)`);
    const report = {
      deployId: id,
      previousDeployId,
      publishedFiches,
      pages,
      redirects: redirects.length,
      durationMs,
      warnings,
      kind: plan.kind,
      why: plan.why,
      timings,
      exported: { kind: exported.kind, read: exported.read },
    };
    return report;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (error instanceof PublishError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const detail =
      error instanceof ContentContractError || error instanceof CmsReadError
        ? message
        : stage === 'build'
          ? buildFailure(recent, message)
          : message;
    throw new PublishError(stage, 'failed', `${stageReasons[stage]} : ${detail}`, `${stage}: ${message}`, { cause: error });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A sorted listing (`filesIn`) with files just written at its top level added, as listing again would give it. */
export function withListed(files: readonly string[], written: readonly string[]): string[] {
  const added = written.filter((file) => !files.includes(file));
  return added.length === 0 ? [...files] : [...files, ...added].sort();
}

/** Prunes the image caches, then refuses to start a build the disk cannot hold (twice the live deploy's recorded size). */
async function checkDiskSpace(options: PublishOptions, log: (line: string) => void): Promise<void> {
  const cache = await pruneMediaCache(options.mediaCacheDirs ?? defaultMediaCacheDirs, {
    maxBytes: options.mediaCacheMaxBytes ?? 1024 ** 3,
    maxAgeMs: 90 * 24 * 3_600_000,
  });
  if (cache.removedFiles > 0)
    log(`publish: image cache: ${cache.removedFiles} file(s) removed, ${megabytes(cache.freedBytes)} MB freed`);
  const current = await currentDeployId(options.deploysDir);
  // Its recorded size when it has one: measuring it is a stat of each of its files (33,000 at 1,000 fiches, 0.8–1.7 s).
  const recorded = current ? (await currentDeployMeta(options.deploysDir))?.bytes : undefined;
  // The new deploy, the snapshot and the build's scratch space: about twice the live site.
  const liveBytes = recorded ?? (current ? await directorySize(path.join(options.deploysDir, current)) : 0);
  const needed = Math.max(options.minFreeBytes ?? 512 * 1024 ** 2, 2 * liveBytes);
  const shortage = await findSpaceShortage([options.deploysDir, siteDir], needed, options.statfs);
  if (shortage) {
    throw new PublishError(
      'export',
      'failed',
      `Espace disque insuffisant pour construire le site : ${megabytes(shortage.availableBytes)} Mo libres dans ${shortage.dir}, il en faut au moins ${megabytes(needed)} Mo. Libérez de la place (anciens fichiers, caches), puis relancez la publication.`,
      `not enough disk space: ${shortage.availableBytes} bytes free in ${shortage.dir}, ${needed} needed`,
    );
  }
}

export const deployInfoFile = 'deploy.json';

/** The live site's `/deploy.json`, if it has one (a first deploy has nothing to compare with). */
async function fetchLiveMeta(
  liveSiteUrl: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<Pick<DeployMeta, 'id' | 'pages' | 'publishedFiches'> | undefined> {
  const url = new URL(deployInfoFile, withSlash(liveSiteUrl));
  const response = await fetchWithDeadline(url, fetchImpl, { timeoutMs, headers: { accept: 'application/json' } }).catch(
    () => undefined,
  );
  if (!response?.ok) return undefined;
  const body = (await response.json().catch(() => undefined)) as Partial<DeployMeta> | undefined;
  if (!body?.id || !body.pages || typeof body.publishedFiches !== 'number') return undefined;
  return { id: body.id, pages: body.pages, publishedFiches: body.publishedFiches };
}

/**
 * Why the site build failed, from its output: the build's own last error line (Astro names the
 * document and field), else the signal that stopped it, else its exit code. npm's generic
 * "npm error …" lines say nothing about the cause.
 */
export function buildFailure(output: readonly string[], message: string): string {
  const own = output.findLast((line) => /error|failed/i.test(line) && !/^(npm (error|ERR!)|publish:)/.test(line.trim()));
  if (own) return own.trim();
  const signal =
    output.map((line) => /signal (SIG[A-Z]+)/.exec(line)?.[1]).findLast(Boolean) ?? /\((SIG[A-Z]+)\)/.exec(message)?.[1];
  if (signal) return `le processus de construction a été arrêté (${signal}).`;
  const code = /exit code (\d+)/.exec(message)?.[1];
  return code ? `le processus de construction s’est arrêté (code de sortie ${code}).` : message;
}

/** The CMS's own count of published fiches (REST `totalDocs`), independent of the export's paging. */
export async function countPublishedFiches(
  cmsUrl: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = cmsTimeoutMs,
): Promise<number> {
  const url = new URL('api/fiches', withSlash(cmsUrl));
  url.search = new URLSearchParams({ limit: '1', depth: '0', 'where[_status][equals]': 'published' }).toString();
  const body = (await readJson(url, fetchImpl, timeoutMs)) as { totalDocs?: unknown };
  if (typeof body.totalDocs !== 'number') throw new CmsReadError(`${url.href} did not return totalDocs`);
  return body.totalDocs;
}

/** Former slugs and types of fiches, recorded by the CMS each time a published fiche's address changed. */
export async function fetchFormerAddresses(
  cmsUrl: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = cmsTimeoutMs,
): Promise<FormerAddress[]> {
  const url = new URL('api/redirects', withSlash(cmsUrl));
  url.search = new URLSearchParams({ pagination: 'false', depth: '0' }).toString();
  const body = (await readJson(url, fetchImpl, timeoutMs)) as { docs?: unknown };
  if (!Array.isArray(body.docs)) throw new CmsReadError(`${url.href} did not return a list of documents`);
  return body.docs.flatMap((doc: unknown) => {
    const { fiche, slug, type } = (doc ?? {}) as Record<string, unknown>;
    const ficheId = typeof fiche === 'object' && fiche ? (fiche as { id?: unknown }).id : fiche;
    if (typeof ficheId !== 'string' || typeof slug !== 'string' || (type !== 'demarche' && type !== 'dispositif')) return [];
    return [{ fiche: ficheId, slug, type }];
  });
}

/** A CMS may live under a base path (`https://example.org/cms/`). */
const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

async function readJson(url: URL, fetchImpl: typeof fetch, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await getFromCms(url, fetchImpl, { timeoutMs });
  } catch (error) {
    if (error instanceof CmsTimeoutError) throw error;
    throw new CmsReadError(`cannot reach the CMS at ${url.href} (${networkErrorText(error)})`, {
      cause: error,
    });
  }
  if (!response.ok) throw new CmsReadError(`the CMS answered HTTP ${response.status} for ${url.href}`);
  return response.json();
}

type IncrementalBase = { kind: 'incremental'; snapshotDir: string } | { kind: 'full'; why: string };

/**
 * Whether this publication can build on the live deploy (docs/publishing.md): only a live deploy
 * made by the same code for the same address, whose content snapshot is at hand, after no failed
 * incremental publication, and unless `--full` was asked for. Otherwise why not.
 */
async function incrementalBase({
  options,
  deploysDir,
  liveId,
  siteUrl,
  code,
}: {
  options: PublishOptions;
  deploysDir: string;
  liveId: string | undefined;
  siteUrl: string;
  code: string;
}): Promise<IncrementalBase> {
  if (options.full) return { kind: 'full', why: 'construction complète demandée (--full)' };
  const failed = await readFile(path.join(deploysDir, nextFullMarker), 'utf8').catch(() => undefined);
  if (failed !== undefined)
    return { kind: 'full', why: `la publication incrémentale précédente a échoué (${failed.trim().slice(0, 200)})` };
  if (!liveId)
    return {
      kind: 'full',
      why: options.liveSiteUrl
        ? 'aucun site en ligne sur lequel s’appuyer : pas de construction précédente dans le cache (première publication, cache expiré ou effacé)'
        : 'aucun site en ligne sur lequel s’appuyer',
    };
  const live = await currentDeployMeta(deploysDir);
  if (!live) return { kind: 'full', why: `le site en ligne (${liveId}) n’a pas de métadonnées` };
  if (live.codeVersion !== code) return { kind: 'full', why: 'le code du site a changé depuis la version en ligne' };
  if (live.siteUrl !== siteUrl) return { kind: 'full', why: `l’adresse du site a changé (${live.siteUrl} → ${siteUrl})` };
  const liveSnapshot = snapshotDirOf(deploysDir, liveId);
  if (!existsSync(path.join(liveSnapshot, 'fiches.json')))
    return { kind: 'full', why: 'le contenu de la version en ligne n’est pas conservé' };
  return { kind: 'incremental', snapshotDir: liveSnapshot };
}

/** Full or incremental, and why: from the live snapshot and the new one, when the change set is one planBuild can vouch for. */
async function choosePlan(
  base: IncrementalBase,
  snapshotDir: string,
  exported: Pick<ExportReport, 'documents' | 'baseDocuments'>,
): Promise<BuildPlan> {
  if (base.kind === 'full') return base;
  try {
    // The export read the live snapshot and wrote the new one: planned from what it holds, the
    // unchanged documents are the same objects on both sides, and nothing is parsed again.
    if (exported.baseDocuments) return planBuild(exported.baseDocuments, exported.documents);
    return planBuild(await readSnapshot(base.snapshotDir), await readSnapshot(snapshotDir));
  } catch (error) {
    return { kind: 'full', why: `changements inconnus (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** After a failed incremental publication, the next one is a full build (the marker says why). */
async function markNextFull(deploysDir: string, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await writeFile(path.join(deploysDir, nextFullMarker), `${new Date().toISOString()} ${reason}\n`).catch(() => undefined);
}
