/**
 * Preview renders: one per (document, version), kept on disk so a second opening — any language
 * of the same draft, or after a restart — is instant. A render runs the site's own build in a
 * child process (scripts/src/renderPreview.ts), one at a time per CMS process: a preview must not
 * take both cores from a publication.
 *
 * Folders, under PREVIEW_DIR (default site/node_modules/.cache/passerelle-preview, never served
 * by the site and never inside DEPLOYS_DIR):
 *   <key>/site/…      the rendered pages and assets
 *   <key>/ready.json  what it previews (collection, id and version, for the access check of each file)
 *   astro-cache/      Astro's cache for previews, apart from the publisher's
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { pipelineEnv } from '../runPipeline';
import { startedAgainIfUnsettled, type Ended } from '../unsettledStart';
import { numberFromEnv, repositoryRoot } from '../publishSettings';

/** What a render shows: a document, at the version (`updatedAt`) that was rendered. */
export type PreviewTarget = { collection: 'fiches' | 'translations'; id: string; version: string };

export type RenderState =
  | { status: 'rendering'; stage: string; startedAt: number }
  | { status: 'ready' }
  | { status: 'failed'; reason: string };

export function previewRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.PREVIEW_DIR
    ? path.resolve(env.PREVIEW_DIR)
    : path.join(repositoryRoot(env), 'site', 'node_modules', '.cache', 'passerelle-preview');
}

function deploysDir(env: NodeJS.ProcessEnv): string {
  return env.DEPLOYS_DIR ? path.resolve(repositoryRoot(env), env.DEPLOYS_DIR) : path.join(repositoryRoot(env), 'deploys');
}

/** Whether `inner` is `outer` or inside it. */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

let stamp: { value: string; at: number } | undefined;

/**
 * A stamp of the site's code (templates, styles, contract): a preview rendered by other code is
 * not reused. Sizes and modification times, not contents: cheap enough for every opening.
 */
export async function siteCodeStamp(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (stamp && Date.now() - stamp.at < 10_000) return stamp.value;
  const root = repositoryRoot(env);
  const hash = createHash('sha256');
  for (const input of [
    'site/src',
    'site/public',
    'site/astro.config.ts',
    'site/package.json',
    'content-schemas/src',
    'scripts/src/renderPreview.ts',
  ]) {
    const absolute = path.join(root, input);
    if (!existsSync(absolute)) continue;
    const info = await stat(absolute);
    const files = info.isDirectory()
      ? (await readdir(absolute, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name))
      : [absolute];
    for (const file of files.sort()) {
      const { size, mtimeMs } = await stat(file);
      hash.update(`${path.relative(root, file)} ${size} ${mtimeMs}\n`);
    }
  }
  stamp = { value: hash.digest('hex').slice(0, 16), at: Date.now() };
  return stamp.value;
}

/** The render's name: the document, its version(s) and the site's code. */
export async function renderKey(target: PreviewTarget, versions: readonly string[]): Promise<string> {
  const code = await siteCodeStamp();
  return createHash('sha256')
    .update(JSON.stringify([target.collection, target.id, ...versions, code]))
    .digest('hex')
    .slice(0, 32);
}

export const isRenderKey = (value: string) => /^[0-9a-f]{32}$/.test(value);

const running = new Map<string, RenderState>();
let queue: Promise<unknown> = Promise.resolve();

export async function readyTarget(key: string): Promise<PreviewTarget | undefined> {
  if (!isRenderKey(key)) return undefined;
  const text = await readFile(path.join(previewRoot(), key, 'ready.json'), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as PreviewTarget) : undefined;
}

export async function renderState(key: string): Promise<RenderState | undefined> {
  const current = running.get(key);
  if (current && current.status !== 'ready') return current;
  return (await readyTarget(key)) ? { status: 'ready' } : undefined;
}

/** Forgets a failed render, so the next opening tries again. */
export function forgetFailure(key: string): void {
  if (running.get(key)?.status === 'failed') running.delete(key);
}

export const renderedSiteDir = (key: string) => path.join(previewRoot(), key, 'site');

/**
 * Starts a render unless one is known for this key. `writeSnapshot` writes the draft's content
 * (previewSnapshot.ts); its French errors are shown as they are.
 */
export function startRender({
  key,
  target,
  ficheId,
  writeSnapshot,
  log,
  env = process.env,
}: {
  key: string;
  target: PreviewTarget;
  ficheId: string;
  writeSnapshot: (dir: string) => Promise<void>;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): void {
  if (running.has(key)) return;
  const state: Extract<RenderState, { status: 'rendering' }> = {
    status: 'rendering',
    stage: 'Préparation du contenu du brouillon',
    startedAt: Date.now(),
  };
  running.set(key, state);
  const root = previewRoot(env);
  const work = path.join(root, `${key}.work`);
  const run = async () => {
    const deploys = deploysDir(env);
    if (isInside(root, deploys) || isInside(deploys, root))
      throw new Error(
        `Le dossier des aperçus (${root}) ne doit pas se trouver dans celui du site public (${deploys}) : changez PREVIEW_DIR.`,
      );
    await rm(work, { recursive: true, force: true });
    await mkdir(path.join(work, 'snapshot'), { recursive: true });
    await writeSnapshot(path.join(work, 'snapshot'));
    state.stage = 'En attente de la fin d’un autre aperçu';
    const turn = queue.then(async () => {
      state.stage = 'Construction de la page avec les gabarits du site';
      await runRenderer({ snapshotDir: path.join(work, 'snapshot'), outDir: path.join(work, 'site'), ficheId, root, env, log });
    });
    queue = turn.catch(() => undefined);
    await turn;
    await rm(path.join(root, key), { recursive: true, force: true });
    await mkdir(path.join(root, key), { recursive: true });
    await rename(path.join(work, 'site'), path.join(root, key, 'site'));
    await writeFile(path.join(root, key, 'ready.json'), JSON.stringify(target));
  };
  run()
    .then(
      () => {
        running.set(key, { status: 'ready' });
        void pruneRenders(root).catch(() => undefined);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log(`preview ${key}: ${message}`);
        running.set(key, { status: 'failed', reason: message });
      },
    )
    .finally(() => rm(work, { recursive: true, force: true }).catch(() => undefined));
}

/** Keeps the most recent previews (PREVIEW_KEEP, default 30): each is a small site of its own. */
export async function pruneRenders(root: string, keep = numberFromEnv(process.env.PREVIEW_KEEP, 30)): Promise<void> {
  const entries = (await readdir(root, { withFileTypes: true })).filter(
    (entry) => entry.isDirectory() && isRenderKey(entry.name),
  );
  const dated = await Promise.all(
    entries.map(async (entry) => ({ name: entry.name, at: (await stat(path.join(root, entry.name))).mtimeMs })),
  );
  for (const old of dated.sort((a, b) => b.at - a.at).slice(keep)) {
    if (running.get(old.name)?.status === 'rendering') continue;
    running.delete(old.name);
    await rm(path.join(root, old.name), { recursive: true, force: true });
  }
}

type RendererOptions = {
  snapshotDir: string;
  outDir: string;
  ficheId: string;
  root: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
};

/**
 * Runs the renderer; started again after Node 20's unsettled start (src/publishing/unsettledStart.ts):
 * it writes only into its own private folder.
 */
async function runRenderer(options: RendererOptions): Promise<void> {
  const { code, signal, tail } = await startedAgainIfUnsettled(() => runRendererOnce(options));
  if (code === 0) return;
  const cause = tail.findLast((line) => /error|failed/i.test(line) && !/^npm (error|ERR!)/.test(line)) ?? tail.at(-1) ?? '';
  options.log(`preview: the render stopped (${signal ?? `code ${code}`}):\n${tail.join('\n')}`);
  throw new Error(`La construction de l’aperçu a échoué${signal ? ` (arrêtée : ${signal})` : ''}. ${cause}`.trim());
}

/** How one run of the renderer ended, with the last lines it printed. */
type RenderEnded = Ended & { signal: NodeJS.Signals | null; tail: string[] };

function runRendererOnce({ snapshotDir, outDir, ficheId, root, env }: RendererOptions): Promise<RenderEnded> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('scripts', 'src', 'renderPreview.ts'), snapshotDir, outDir, ficheId],
      {
        cwd: repositoryRoot(env),
        // The CMS's secrets stay with the CMS, as for a publication.
        env: {
          ...pipelineEnv('preview', env),
          PASSERELLE_ASTRO_CACHE_DIR: path.join(root, 'astro-cache'),
          DEPLOYS_DIR: deploysDir(env),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const plain = line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trimEnd();
        if (!plain.trim()) continue;
        tail.push(plain);
        if (tail.length > 40) tail.shift();
      }
    };
    let ownOutput = false;
    child.stdout.on('data', (chunk: Buffer) => {
      ownOutput = true;
      onData(chunk);
    });
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGTERM'), numberFromEnv(env.PREVIEW_TIMEOUT_MS, 5 * 60_000));
    timer.unref();
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, tail, ownOutput });
    });
  });
}
