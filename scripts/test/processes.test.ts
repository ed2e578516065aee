import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { isPortTaken, run, stop } from '../src/processes';

/** A group whose leader quits at once on SIGTERM while a process under it takes a while to let go of a port. */
function groupWithSlowMember(port: number) {
  const member = `const s = require('node:net').createServer().listen(${port}, '0.0.0.0');
process.on('SIGTERM', () => setTimeout(() => process.exit(0), 1500));
setInterval(() => {}, 1000);`;
  const leader = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(member)}], { stdio: 'ignore' });
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);`;
  return spawn(process.execPath, ['-e', leader], { detached: true, stdio: 'ignore' });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200 && !(await condition()); tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('stop', () => {
  it('returns only once every process of the group is gone, so its ports are free', async () => {
    const port = 3391;
    const child = groupWithSlowMember(port);
    await until(() => isPortTaken(port));
    expect(await isPortTaken(port)).toBe(true);
    await stop(child);
    expect(await isPortTaken(port)).toBe(false);
  });

  it('kills what ignores SIGTERM after the grace period', async () => {
    const child = spawn(
      process.execPath,
      ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);"],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    // Stopped only once it ignores SIGTERM: a fixed wait lost the race on a busy machine.
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    const started = Date.now();
    await stop(child, 500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(child.signalCode).toBe('SIGKILL');
  });
});

describe('run', () => {
  /** A command that ends with exit code 13 the first `failures` times, then succeeds; returns its counter file. */
  async function flaky(failures: number) {
    const dir = await mkdtemp(path.join(tmpdir(), 'passerelle-run-'));
    const counter = path.join(dir, 'runs');
    const script = `const fs = require('node:fs'); const f = ${JSON.stringify(counter)};
const runs = fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) + 1 : 1; fs.writeFileSync(f, String(runs));
process.exit(runs <= ${failures} ? 13 : 0);`;
    return { counter, args: ['-e', script] };
  }

  it('runs again a command that ended before starting (exit code 13), as many times as allowed', async () => {
    const { counter, args } = await flaky(2);
    await run(process.execPath, args, { label: 'flaky', retriesOnUnsettledStart: 2 });
    expect(await readFile(counter, 'utf8')).toBe('3');
  });

  it('fails on exit code 13 without retries, and on any other failure whatever the retries', async () => {
    const { counter, args } = await flaky(1);
    await expect(run(process.execPath, args, { label: 'flaky' })).rejects.toThrow('flaky failed (exit code 13)');
    expect(await readFile(counter, 'utf8')).toBe('1');
    await expect(
      run(process.execPath, ['-e', 'process.exit(1)'], { label: 'broken', retriesOnUnsettledStart: 2 }),
    ).rejects.toThrow('broken failed (exit code 1)');
  });

  it('never runs again a command that printed before ending with code 13: it had begun its work', async () => {
    const { counter, args } = await flaky(1);
    const printing = ['-e', `console.log('seed: writing'); ${args[1]}`];
    await expect(run(process.execPath, printing, { label: 'begun', retriesOnUnsettledStart: 2 })).rejects.toThrow(
      'begun failed (exit code 13)',
    );
    expect(await readFile(counter, 'utf8')).toBe('1');
  });
});
