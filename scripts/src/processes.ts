import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

import { startedAgainIfUnsettled, type Ended } from '@passerelle/cms/unsettledStart';

/**
 * Runs a command to completion, streaming its output with a prefix; rejects on a non-zero exit.
 * `running` receives the child while it runs, so a Ctrl-C can stop it too.
 */
export async function run(
  command: string,
  args: string[],
  options: SpawnOptions & {
    label: string;
    running?: ChildProcess[];
    /**
     * Times to run again a command Node 20 ended before it started (exit code 13 and no output of
     * its own: @passerelle/cms/unsettledStart). Only for a command that is safe to run twice.
     */
    retriesOnUnsettledStart?: number;
  },
): Promise<void> {
  const { running, retriesOnUnsettledStart = 0, ...spawnOptions } = options;
  const { code, signal } = await startedAgainIfUnsettled(() => runOnce(command, args, spawnOptions, running), {
    retries: retriesOnUnsettledStart,
    onStartedAgain: ({ code }) => console.error(`${options.label}: ended before starting (exit code ${code}), run again`),
  });
  if (code !== 0) throw new Error(`${options.label} failed (${signal ?? `exit code ${code}`})`);
}

/** One run of `run`'s command, to its exit; rejects only when it cannot be started. */
function runOnce(
  command: string,
  args: string[],
  options: SpawnOptions & { label: string },
  running: ChildProcess[] | undefined,
): Promise<Ended & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawnPrefixed(command, args, options);
    running?.push(child);
    let ownOutput = false;
    let outputClosed = !child.stdout;
    child.stdout?.once('data', () => (ownOutput = true));
    child.stdout?.once('close', () => (outputClosed = true));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ended = () => resolve({ code, signal, ownOutput });
      if (code === 0) return ended();
      // What it printed just before exiting may be read after 'exit': its output is read to the end first (≤ 1 s).
      if (outputClosed) return ended();
      const timer = setTimeout(ended, 1000);
      child.stdout?.once('close', () => {
        clearTimeout(timer);
        ended();
      });
    });
  });
}

/**
 * Starts a long-running command in its own process group (so stopping it also stops the
 * workers it spawns) and prefixes each output line with a label.
 */
export function spawnPrefixed(command: string, args: string[], options: SpawnOptions & { label: string }): ChildProcess {
  const { label, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) stream.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on('data', prefix(process.stdout));
  child.stderr?.on('data', prefix(process.stderr));
  return child;
}

/** Whether any process of the group is still there (signal 0 only checks). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process group: SIGTERM, then SIGKILL if anything of it is still there after the grace
 * period. Waits for the whole group, not only its leader: `npx next start` exits on SIGTERM
 * before the server under it has closed its port, and Ctrl-C must leave the ports free.
 */
export async function stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const killAt = Date.now() + graceMs;
  let killed = false;
  while (groupAlive(pid)) {
    if (!killed && Date.now() >= killAt) {
      killed = true;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone in between
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The group is gone; let Node see the leader's exit so its handles close.
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
}

/** Polls a URL until it answers 2xx/3xx, or fails after the timeout. */
export async function waitForUrl(url: string, { timeoutMs = 180_000, intervalMs = 500 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 400) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (${lastError})`);
}

/** True when something already listens on the port (so we can say so instead of crashing). */
export async function isPortTaken(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(true))
      .once('listening', () => server.close(() => resolve(false)))
      .listen(port, '0.0.0.0');
  });
}
