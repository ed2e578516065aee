/**
 * `npm run bench -- --scale [100,300,1000]`: how the editors' figures grow with the corpus. For
 * each size, a throw-away database gets the synthetic corpus through the bulk import
 * (insertCorpus.ts), then adminTimings.ts times what each admin screen and a publish ask of the
 * database, then (unless `--skip-browser`) the built admin is started on that database and each
 * screen is timed in Chromium, logged in, with its rows checked (adminScreens.ts). Prints one
 * table (sizes as columns) and writes bench-results/scale-<date>.json. Each figure should grow
 * no faster than the corpus.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { developmentPassword } from '@passerelle/cms/seed/users';
import type { Browser } from 'playwright-core';

import { launchChromium } from '../browser';
import { isPortTaken, run as runCommand, spawnPrefixed, stop, waitForUrl } from '../processes';
import { timeAdminScreens } from './adminScreens';

type Timing = { p50: number; p95: number; samples: number };
export type ScalePoint = {
  fiches: number;
  insert: { fichesPerSecond: number; insertMs: number; peakRssMb: number; cpuMsPerFiche?: number };
  timings: Record<string, Timing | number>;
  /** The machine is shared: the 1-minute load average when the insert, the timings and the browser's ended. */
  load?: { insert: number; timings: number; browser?: number };
};

export function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  onLine: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const read = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        tail.splice(0, Math.max(0, tail.length - 20));
        onLine(line);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    child.on('exit', (code) => {
      process.off('SIGINT', stop);
      if (code === 0) resolve();
      else {
        const script = path.basename(args.find((arg) => arg.endsWith('.ts')) ?? command);
        // 13: Node's « unsettled top-level await » — the script waited on something that could no longer happen.
        const meaning = code === 13 ? ' (a top-level await never settled: its last « timing » line names the step)' : '';
        reject(new Error(`${script} exited with ${code}${meaning}:\n${tail.join('\n')}`));
      }
    });
  });
}

/** The admin in production mode on one size's database, timed in Chromium, then stopped. */
async function timeScreensOn(options: {
  browser: Browser;
  cmsDir: string;
  env: NodeJS.ProcessEnv;
  workDir: string;
  samples: number;
  fiches: number;
}) {
  let port = 3400;
  while (await isPortTaken(port)) if (++port > 3499) throw new Error('no free port between 3400 and 3499 for the CMS');
  const cmsUrl = `http://localhost:${port}`;
  let cms: ChildProcess | undefined;
  try {
    cms = spawnPrefixed('npx', ['next', 'start', '--port', String(port)], {
      cwd: options.cmsDir,
      env: {
        ...options.env,
        NODE_ENV: 'production',
        PAYLOAD_PUBLIC_SERVER_URL: cmsUrl,
        DEPLOYS_DIR: path.join(options.workDir, 'deploys'),
        PUBLISH_TOKEN: randomBytes(24).toString('hex'),
        NEXT_TELEMETRY_DISABLED: '1',
        // The development logins of a throw-away corpus, on this machine only (as --load does).
        TOTP_REQUIRED: 'false',
      },
      label: `scale ${options.fiches} cms`,
    });
    await waitForUrl(`${cmsUrl}/api/themes?limit=1`);
    return await timeAdminScreens({
      browser: options.browser,
      cmsUrl,
      password: developmentPassword,
      samples: options.samples,
      progress: (line) => console.log(`[scale ${options.fiches}] admin in Chromium: ${line}`),
    });
  } finally {
    if (cms) await stop(cms);
  }
}

/** The environment of a bench's own CMS processes: a throw-away database and media folder in `workDir`, no job runner. */
export function throwAwayCmsEnv(workDir: string, secret: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URI: `file:${path.join(workDir, 'passerelle.db')}`,
    MEDIA_DIR: path.join(workDir, 'media'),
    NODE_ENV: 'development',
    PAYLOAD_JOBS_AUTORUN: 'false',
    PAYLOAD_SECRET: secret,
  };
}

export async function runScale(options: {
  sizes: number[];
  randomSeed: number;
  samples: number;
  repoRoot: string;
  /** Timed visits of each screen in Chromium; 0 leaves the browser out. */
  browserSamples?: number;
}): Promise<ScalePoint[]> {
  const cmsDir = path.join(options.repoRoot, 'cms');
  const points: ScalePoint[] = [];
  const browserSamples = options.browserSamples ?? 5;
  let browser: Browser | undefined;
  if (browserSamples > 0) {
    console.log('[scale] building the CMS admin (turbo replays it when cms/ is unchanged)…');
    await runCommand('npx', ['turbo', 'run', 'build', '--filter=@passerelle/cms', '--output-logs=errors-only'], {
      cwd: options.repoRoot,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      label: 'turbo',
    });
    browser = await launchChromium();
  }
  try {
    for (const fiches of options.sizes) {
      const workDir = path.join(options.repoRoot, '.bench-work', `scale-${process.pid}-${fiches}`);
      await mkdir(workDir, { recursive: true });
      const env = throwAwayCmsEnv(workDir, 'bench-scale');
      try {
        let insert: ScalePoint['insert'] | undefined;
        let timings: ScalePoint['timings'] | undefined;
        const started = Date.now();
        await run(
          'node',
          [
            '--expose-gc',
            '--max-semi-space-size=64',
            '--import',
            'tsx',
            path.join(options.repoRoot, 'scripts/src/bench/insertCorpus.ts'),
            String(fiches),
            String(options.randomSeed),
          ],
          { cwd: cmsDir, env },
          (line) => {
            const counted = /^progress (\d+) (\d+) (\d+)/.exec(line);
            if (counted)
              console.log(
                `[scale ${fiches}] inserting… ${counted[1]}/${counted[2]} fiches, RSS ${counted[3]} MB, ${((Date.now() - started) / 1000).toFixed(0)} s`,
              );
            if (line.startsWith('inserted ')) insert = JSON.parse(line.slice('inserted '.length)) as ScalePoint['insert'];
          },
        );
        const insertLoad = os.loadavg()[0] ?? 0;
        await run(
          'node',
          ['--import', 'tsx', path.join(options.repoRoot, 'scripts/src/bench/adminTimings.ts'), String(options.samples)],
          { cwd: cmsDir, env },
          (line) => {
            if (line.startsWith('timings ')) timings = JSON.parse(line.slice('timings '.length)) as ScalePoint['timings'];
          },
        );
        if (!insert || !timings) throw new Error(`no figures for ${fiches} fiches`);
        const timingsLoad = os.loadavg()[0] ?? 0;
        if (browser)
          timings = { ...timings, ...(await timeScreensOn({ browser, cmsDir, env, workDir, samples: browserSamples, fiches })) };
        points.push({
          fiches,
          insert,
          timings,
          load: { insert: insertLoad, timings: timingsLoad, ...(browser ? { browser: os.loadavg()[0] ?? 0 } : {}) },
        });
        console.log(
          `[scale ${fiches}] done: insert ${insert.fichesPerSecond.toFixed(2)} fiches/s, peak RSS ${insert.peakRssMb} MB`,
        );
        // A long run may be stopped: each size's figures are printed as soon as they are known.
        console.log(scaleTable(points));
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser?.close();
  }
  console.log(scaleTable(points));
  const results = path.join(options.repoRoot, 'bench-results');
  await mkdir(results, { recursive: true });
  await writeFile(
    path.join(results, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify(points, null, 2)}\n`,
  );
  return points;
}

export function scaleTable(points: readonly ScalePoint[]): string {
  const header = ['figure (ms, p50 / p95)', ...points.map((point) => `${point.fiches} fiches`)];
  const names = [
    ...new Set(points.flatMap((point) => Object.keys(point.timings).filter((name) => typeof point.timings[name] === 'object'))),
  ];
  const rows = [
    [
      'insert (fiches/s, peak RSS MB)',
      ...points.map((point) => `${point.insert.fichesPerSecond.toFixed(2)} / ${point.insert.peakRssMb}`),
    ],
    [
      'insert CPU time per fiche (ms)',
      ...points.map((point) => (point.insert.cpuMsPerFiche === undefined ? '—' : String(point.insert.cpuMsPerFiche))),
    ],
    [
      'load average (insert / timings[ / browser])',
      ...points.map((point) =>
        point.load
          ? [point.load.insert, point.load.timings, point.load.browser]
              .filter((value) => value !== undefined)
              .map((value) => value.toFixed(1))
              .join(' / ')
          : '—',
      ),
    ],
    ...names.map((name) => [
      name,
      ...points.map((point) => {
        const timing = point.timings[name] as Timing | undefined;
        return timing ? `${timing.p50.toFixed(1)} / ${timing.p95.toFixed(1)}` : '—';
      }),
    ]),
  ];
  return [header, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
