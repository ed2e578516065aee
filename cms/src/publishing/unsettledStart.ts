/**
 * Node 20 now and then ends a process started with `node --import tsx` with exit code 13
 * (« unsettled top-level await ») before it has run a line of its own: its module load, through
 * tsx's loader thread, never settles. Seen in CI on a job worker and on the seed, not on Node 22.
 * Such a start has read or written nothing yet, so a command that is safe to run twice is started
 * again, up to twice. One that printed before ending with 13 had begun its work (Drizzle's
 * development push, for one, ends with 13 after asking its question): its failure stands.
 *
 * The one home of that rule and of the retry: the CMS's own commands (a publication, a preview
 * render, a rollback) and the scripts' (`run()` in scripts/src/processes.ts, the load bench's
 * migration) use it, the scripts as `@passerelle/cms/unsettledStart` since they depend on the CMS
 * already. Not in content-schemas: that is the contract the site builds from, and the site starts
 * no such command.
 */
export const unsettledStartExitCode = 13;

/** Times such a start is tried again. */
export const unsettledStartRetries = 2;

/** Whether a process ended as an unsettled start: code 13 before any output of its own. */
export function isUnsettledStart(code: number | null, ownOutput: boolean): boolean {
  return code === unsettledStartExitCode && !ownOutput;
}

/**
 * How a command ended, as `startedAgainIfUnsettled` needs to know it. `ownOutput`: whether it
 * printed on its stdout (Node's own warnings go to stderr). `stoppedByCaller`: its caller ended
 * it (a timeout, a cancelled publication), whatever code it then chose.
 */
export type Ended = { code: number | null; ownOutput: boolean; stoppedByCaller?: boolean };

/**
 * Runs `run` again after an unsettled start, up to `retries` times (`onStartedAgain` hears of each);
 * the last ending otherwise, for the caller to report.
 */
export async function startedAgainIfUnsettled<T extends Ended>(
  run: () => Promise<T>,
  { retries = unsettledStartRetries, onStartedAgain }: { retries?: number; onStartedAgain?: (ended: T) => void } = {},
): Promise<T> {
  for (let left = retries; ; left -= 1) {
    const ended = await run();
    if (ended.stoppedByCaller || !isUnsettledStart(ended.code, ended.ownOutput) || left <= 0) return ended;
    onStartedAgain?.(ended);
  }
}
