/**
 * Runs the site workspace's own `build` script (Astro, then whatever the site adds after it,
 * such as Pagefind) from a snapshot, into a folder of our choosing.
 *
 * Astro only writes straight into an output folder that lies inside the folder it runs from
 * (site/); for any other folder it builds into site/.astro and copies that over, dragging its
 * internal files along. So the build writes into a staging folder under site/node_modules
 * (ignored by git, never served) and the result is then renamed into place.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { repositoryRoot } from '@passerelle/content-schemas/repository';

export const siteDir = path.join(repositoryRoot, 'site');
const stagingRoot = path.join(siteDir, 'node_modules', '.cache', 'passerelle-publish');

/** The environment variable the site build reads its output folder from (astro.config `outDir`, Pagefind `--site`). */
export const outDirVariable = 'SITE_OUT_DIR';

export type SiteBuildOptions = {
  snapshotDir: string;
  siteUrl: string;
  outDir: string;
  log: (line: string) => void;
  /** Lets the caller stop the build. */
  signal?: AbortSignal;
  /** An incremental publication: the render selection file (site/src/lib/renderOnly.ts); absent, every page. */
  renderOnly?: string;
  /**
   * A full build whose whole-site passes the caller runs afterwards, in a process of its own
   * (site/src/integrations/wholeSitePasses.ts): Astro's process then stops once the pages are
   * written, and the content it holds is freed before the search services start.
   */
  passesAfter?: boolean;
};

export type SiteBuilder = (options: SiteBuildOptions) => Promise<void>;

/**
 * Until the site reads `SITE_OUT_DIR` itself, a plain `astro build` script gets `--outDir`
 * on its command line instead (appending it to a script that runs more than Astro would hand
 * it to the last command).
 */
export function outDirArguments(buildScript: string, outDir: string): string[] {
  return buildScript.includes(outDirVariable) || !/^astro build\s*$/.test(buildScript.trim()) ? [] : ['--', '--outDir', outDir];
}

/** The variable naming the render selection file (site/src/lib/renderOnly.ts). */
export const renderOnlyVariable = 'PASSERELLE_RENDER_ONLY';

/** The variable that leaves a full build's whole-site passes to the publisher (site/src/integrations/wholeSitePasses.ts). */
export const wholeSitePassesVariable = 'PASSERELLE_WHOLE_SITE_PASSES';

/**
 * The V8 heap limit of the build (`--max-old-space-size`, MB), from the size of the snapshot's
 * fiches.json. Node's default is about 4 GB here, and V8 lets a heap grow well past what it
 * holds before collecting: at 1,000 fiches Astro's process reached 1.9 GB while rendering, most
 * of it garbage. Held to 1 GB it stayed near 0.5 GB while rendering, and used no more CPU
 * (docs/publishing.md « The full build's memory »). What the build keeps grows with the content
 * (fiches.json read, checked, stored, then read back by the pages), so the limit grows with it:
 * fifteen times the file as the export writes it, without indentation, never under 1 GB (71 MB
 * at 1,000 fiches: 1,088 MB, the limit measured with the indented file of then, 178 MB × 6).
 */
export function buildHeapLimitMb(fichesJsonBytes: number): number {
  return Math.max(1024, Math.ceil((fichesJsonBytes * 15) / 1048576 / 64) * 64);
}

/** NODE_OPTIONS with the build's heap limit, unless the operator already set one. */
export function withHeapLimit(nodeOptions: string | undefined, limitMb: number): string {
  const options = nodeOptions?.trim() ?? '';
  if (/--max-old-space-size\b/.test(options)) return options;
  return `${options} --max-old-space-size=${limitMb}`.trim();
}

export const buildSiteWithNpm: SiteBuilder = async ({ snapshotDir, siteUrl, outDir, log, signal, renderOnly, passesAfter }) => {
  const manifest = JSON.parse(readFileSync(path.join(siteDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = manifest.scripts?.build;
  if (!script) throw new Error('the site workspace has no build script');
  const staging = path.join(stagingRoot, path.basename(outDir).replace(/^\./, ''));
  await pruneStaleStaging(stagingRoot);
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(staging), { recursive: true });
  const fichesBytes = await stat(path.join(snapshotDir, 'fiches.json')).then(
    (file) => file.size,
    () => 0,
  );
  try {
    await runLogged('npm', ['run', 'build', '--workspace', '@passerelle/site', ...outDirArguments(script, staging)], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        NODE_OPTIONS: withHeapLimit(process.env.NODE_OPTIONS, buildHeapLimitMb(fichesBytes)),
        SNAPSHOT_DIR: snapshotDir,
        SITE_URL: siteUrl,
        CMS_URL: '',
        [outDirVariable]: staging,
        [renderOnlyVariable]: renderOnly ?? '',
        [wholeSitePassesVariable]: passesAfter ? 'publisher' : '',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      log,
      signal,
    });
    await moveDirectory(staging, outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
};

/**
 * Staging folders left by builds that were killed (a whole site each). They are named after
 * their deploy id, which starts with its UTC creation time: one older than `maxAgeMs` belongs to
 * a build long over (the CMS stops a build after 15 minutes), whichever deploy folder it was for.
 */
export async function pruneStaleStaging(root: string, { maxAgeMs = 2 * 3_600_000, now = Date.now() } = {}): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const stamp = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-\d{3}-[0-9a-f]{4}\b/.exec(name);
    if (!stamp) continue;
    const [, year, month, day, hour, minute, second] = stamp.map(Number) as number[];
    const created = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
    if (now - created <= maxAgeMs) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

async function moveDirectory(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
  }
}

/**
 * Runs a command line by line into `log`; rejects with its exit code or signal. It stays in our
 * process group, so whoever stops us (Ctrl-C, the CMS stopping) stops the build with us.
 */
export function runLogged(
  command: string,
  args: string[],
  { cwd, env, log, signal }: { cwd: string; env: NodeJS.ProcessEnv; log: (line: string) => void; signal?: AbortSignal },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) log(line.trimEnd());
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const abort = () => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', reject);
    child.on('exit', (code, exitSignal) => {
      signal?.removeEventListener('abort', abort);
      if (pending.trim()) log(pending.trimEnd());
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.slice(0, 2).join(' ')} stopped (${exitSignal ?? `exit code ${code}`})`));
    });
  });
}
