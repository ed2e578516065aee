import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { parsePublishResult, publishResultPrefix, publishStagePrefix } from '@passerelle/content-schemas';

import { numberFromEnv, publishCmsUrl, repositoryRoot } from './publishSettings';
import { startedAgainIfUnsettled, type Ended } from './unsettledStart';

/** What the publish pipeline (scripts/src/publish.ts) prints as its last line (content-schemas/src/publishProtocol.ts). */
export const resultPrefix = publishResultPrefix;
const stagePrefix = publishStagePrefix;

export type PipelineResult = {
  status: 'succeeded' | 'failed' | 'refused';
  reason?: string;
  deployId?: string;
  publishedFiches?: number;
  pages?: { total: number; fiches: Record<string, number>; shortLinks: number };
  redirects?: number;
  /** Full or incremental (docs/publishing.md), and why. */
  kind?: 'full' | 'incremental';
  why?: string;
  logTail: string;
};

export type PipelineRun = { result: Promise<PipelineResult>; stop: (reason: string) => void };

/** How one run of the pipeline's process ended. */
type PipelineEnded = Ended & { signal: NodeJS.Signals | null; error?: Error };

const stageLabels: Record<string, string> = {
  export: 'lecture du contenu',
  build: 'construction du site',
  verify: 'vérifications',
  switch: 'mise en ligne',
};

/** The CMS's secrets stay with the CMS; Next.js's private variables must not reach the site build. */
const withheld =
  /^(__NEXT|NEXT_PRIVATE|NEXT_RUNTIME|TURBOPACK|PAYLOAD_SECRET$|DATABASE_URI$|PUBLISH_TOKEN$|GITHUB_TOKEN$|SEED_PASSWORD$)/;

export function pipelineEnv(buildId: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !withheld.test(key))) as NodeJS.ProcessEnv;
  return { ...clean, CMS_URL: publishCmsUrl(env), PUBLISH_BUILD_ID: buildId, FORCE_COLOR: '0' };
}

/**
 * Runs the publish pipeline as a child process of the CMS (same process group: stopping the
 * CMS stops the build). `onPhase` and `onLog` report progress; the result never rejects.
 */
export function runPipeline({
  buildId,
  onPhase,
  onLog,
  env = process.env,
}: {
  buildId: string;
  onPhase: (phase: string) => void;
  onLog: (tail: string) => void;
  env?: NodeJS.ProcessEnv;
}): PipelineRun {
  const root = repositoryRoot(env);
  const command = env.PUBLISH_COMMAND;
  const start = () =>
    command
      ? spawn('sh', ['-c', command], { cwd: root, env: pipelineEnv(buildId, env), stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'src', 'publish.ts')], {
          cwd: root,
          env: pipelineEnv(buildId, env),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  let child: ChildProcess | undefined;
  const lines: string[] = [];
  let result: Omit<PipelineResult, 'logTail'> | undefined;
  let stopReason: string | undefined;
  const tail = () => lines.slice(-60).join('\n').slice(-8000);

  let pending = '';
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) handle(line);
  };
  const handle = (line: string) => {
    if (line.startsWith(resultPrefix)) {
      const parsed = parsePublishResult(line);
      if (parsed) result = parsed;
      else lines.push(line);
      return;
    }
    if (line.startsWith(stagePrefix)) {
      const stage = line.slice(stagePrefix.length).trim();
      onPhase(stageLabels[stage] ?? stage);
      return;
    }
    // Some tools colour their output whatever FORCE_COLOR says; the admin shows plain text.
    const plain = line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trimEnd();
    if (!plain.trim()) return;
    lines.push(plain);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
    onLog(tail());
  };

  const timeoutMs = numberFromEnv(env.PUBLISH_TIMEOUT_MS, 15 * 60_000);
  const stop = (reason: string) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    stopReason = reason;
    const stopping = child;
    stopping.kill('SIGTERM');
    setTimeout(() => stopping.kill('SIGKILL'), 10_000).unref();
  };
  const timer = setTimeout(
    () => stop(`La construction a dépassé ${Math.round(timeoutMs / 60_000)} minutes et a été arrêtée.`),
    timeoutMs,
  );
  timer.unref();

  /** One run of the pipeline, to its end. */
  const runOnce = () =>
    new Promise<PipelineEnded>((resolve) => {
      // Whatever a failed start left on stderr is not glued to the next one's first line.
      pending = '';
      let ownOutput = false;
      const started = start();
      child = started;
      started.stdout?.on('data', (chunk: Buffer) => {
        ownOutput = true;
        onData(chunk);
      });
      started.stderr?.on('data', onData);
      started.once('error', (error) => resolve({ code: null, signal: null, ownOutput, error }));
      started.once('close', (code, signal) => resolve({ code, signal, ownOutput, stoppedByCaller: stopReason !== undefined }));
    });

  // Started again after Node 20's unsettled start (src/publishing/unsettledStart.ts): ended before
  // the pipeline printed a line, so before its first stage; had it taken the publish lock by then,
  // the lock of a process that is gone is taken over (scripts/src/publishLock.ts).
  const done = startedAgainIfUnsettled(runOnce).then(({ code, signal, error }): PipelineResult => {
    clearTimeout(timer);
    if (pending) handle(pending);
    pending = '';
    if (result && !stopReason) return { ...result, logTail: tail() };
    const how = error ? error.message : signal ? `signal ${signal}` : `code de sortie ${code}`;
    return {
      status: 'failed',
      reason: stopReason ?? `Le processus de construction s’est arrêté sans rendre compte (${how}).`,
      logTail: tail(),
    };
  });
  return { result: done, stop };
}
