/**
 * Node 20 now and then ends a process started with `node --import tsx` with exit code 13
 * (« unsettled top-level await ») before it has run a line of its own: its module load, through
 * tsx's loader thread, never settles. Seen in CI on a job worker and on the seed, not on Node 22.
 * The CMS's own commands (a publication, a preview render, a rollback) are started again after
 * such a start, up to twice: none of them has read or written anything yet.
 * `run()` in scripts/src/processes.ts judges the scripts' commands by the same rule.
 */
export const unsettledStartExitCode = 13;

/** Times such a start is tried again. */
export const unsettledStartRetries = 2;

/** Whether a process ended as an unsettled start: code 13 before any output of its own. */
export function isUnsettledStart(code: number | null, ownOutput: boolean): boolean {
  return code === unsettledStartExitCode && !ownOutput;
}

/** How a command ended, as `startedAgainIfUnsettled` needs to know it. */
export type Ended = { code: number | null; ownOutput: boolean };

/** Runs `run` again after an unsettled start, up to `unsettledStartRetries` times; the last ending otherwise. */
export async function startedAgainIfUnsettled<T extends Ended>(run: () => Promise<T>): Promise<T> {
  for (let left = unsettledStartRetries; ; left -= 1) {
    const ended = await run();
    if (!isUnsettledStart(ended.code, ended.ownOutput) || left === 0) return ended;
  }
}
