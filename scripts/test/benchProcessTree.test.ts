import { spawn } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { processName, sampleTreeRss, treeRssBytes } from '../src/bench/processTree';

describe('process tree memory', () => {
  it('counts a child and the grandchild it starts, and their peak while they hold memory', async () => {
    // A child that starts a grandchild holding ~150 MB, prints when ready, then waits.
    const grandchild = "const b = Buffer.alloc(150 * 1024 * 1024, 1); console.log('ready'); setInterval(() => b[0]++, 100);";
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'inherit', 'inherit'] }); setInterval(() => {}, 1000); process.on('SIGTERM', () => { c.kill(); process.exit(0); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const sampler = sampleTreeRss(child.pid as number, { intervalMs: 50 });
      await new Promise<void>((resolve) =>
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = treeRssBytes(child.pid as number);
      const { peakBytes, samples, processes } = sampler.stop();
      expect(now).toBeGreaterThan(150 * 1024 * 1024);
      expect(peakBytes).toBeGreaterThanOrEqual(now * 0.9);
      expect(samples).toBeGreaterThan(2);
      // Each process on its own: the grandchild holds the memory, at the tree's peak too.
      const [largest, other] = processes;
      expect(processes).toHaveLength(2);
      expect(largest?.name).toBe('node -e');
      expect(largest?.peakBytes).toBeGreaterThan(150 * 1024 * 1024);
      expect(largest?.atPeakBytes).toBeGreaterThan(150 * 1024 * 1024);
      expect(other?.pid).toBe(child.pid);
      expect(other?.peakBytes).toBeLessThan(150 * 1024 * 1024);
      // Leaving the child's subtree out leaves nothing of it; leaving out the root alone keeps the grandchild.
      expect(treeRssBytes(child.pid as number, new Set([child.pid as number]))).toBe(0);
      expect(treeRssBytes(child.pid as number, new Set(), false)).toBeGreaterThan(150 * 1024 * 1024);
      expect(treeRssBytes(child.pid as number, new Set(), false)).toBeLessThan(now);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('names a process after the script Node runs, or its program', () => {
    expect(processName(['/usr/bin/node', '/repo/node_modules/.bin/astro', 'build'])).toBe('astro');
    expect(
      processName(['node', '--require', '/x/preflight.cjs', '--import', 'file:///x/loader.mjs', 'src/bench/publishBench.ts']),
    ).toBe('publishBench');
    expect(processName(['node', '/usr/lib/node_modules/npm/bin/npm-cli.js', 'run', 'build'])).toBe('npm');
    // npm sets its title, which replaces its arguments with one string.
    expect(processName(['npm run build --workspace @passerelle/site'])).toBe('npm');
    expect(processName(['/repo/node_modules/@pagefind/linux-x64/bin/pagefind_extended', '--service'])).toBe('pagefind_extended');
    expect(processName(['/bin/sh', '-c', 'astro build'])).toBe('sh');
  });

  it('is zero for a process that does not exist', () => {
    expect(treeRssBytes(2 ** 22 + 12_345)).toBe(0);
  });
});
