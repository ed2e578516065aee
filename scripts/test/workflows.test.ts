/**
 * The GitHub workflows: every action pinned to a commit (a tag can be moved to other code after
 * a review, a commit cannot), and the publish workflow reads the CMS address only from the
 * repository's own settings, never from the dispatch that triggered it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const workflowsDir = path.resolve(import.meta.dirname, '../../.github/workflows');
const workflows = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, text: readFileSync(path.join(workflowsDir, name), 'utf8') }));

/** Every `uses:` of a workflow (steps and reusable workflows), with its line's trailing comment. */
export function usesOf(text: string): { reference: string; comment: string; line: number }[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(?:#\s*(.*))?$/.exec(line);
    return match?.[1] ? [{ reference: match[1], comment: match[2]?.trim() ?? '', line: index + 1 }] : [];
  });
}

/** `owner/repo[/path]@<40 hex>`, a local action (`./…`), or a Docker image by digest. */
export function isPinned(reference: string): boolean {
  return (
    /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(reference) ||
    reference.startsWith('./') ||
    /^docker:\/\/[^@]+@sha256:[0-9a-f]{64}$/.test(reference)
  );
}

describe('GitHub workflows', () => {
  it('are found', () => {
    expect(workflows.map((workflow) => workflow.name)).toEqual(expect.arrayContaining(['ci.yml', 'publish.yml']));
  });

  it('tell pinned references from movable ones', () => {
    expect(isPinned('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1')).toBe(true);
    expect(isPinned('github/codeql-action/init@3d3c42e5aac5ba805825da76410c181273ba90b1')).toBe(true);
    expect(isPinned('./.github/actions/setup')).toBe(true);
    for (const reference of [
      'actions/checkout@v4',
      'actions/checkout@main',
      'actions/checkout@3d3c42e',
      'actions/checkout',
      'docker://node:24',
    ])
      expect(isPinned(reference), reference).toBe(false);
    expect(usesOf("      - uses: 'actions/checkout@v4' # latest\n    uses: org/repo/.github/workflows/x.yml@main")).toEqual([
      { reference: 'actions/checkout@v4', comment: 'latest', line: 1 },
      { reference: 'org/repo/.github/workflows/x.yml@main', comment: '', line: 2 },
    ]);
  });

  it.each(workflows)('$name pins every action to a full commit SHA, its version in a comment', ({ text }) => {
    const uses = usesOf(text);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      expect(isPinned(use.reference), `line ${use.line}: ${use.reference}`).toBe(true);
      if (!use.reference.startsWith('./'))
        expect(use.comment, `line ${use.line}: the version it stands for`).toMatch(/^v\d+(\.\d+)*\b/);
    }
  });

  it('publish.yml takes the CMS and site addresses from the repository variables only', () => {
    const publish = workflows.find((workflow) => workflow.name === 'publish.yml')?.text ?? '';
    expect(publish).not.toMatch(/client_payload\.(cms_url|site_url)/);
    expect(publish).toMatch(/^\s+CMS_URL: \$\{\{ vars\.CMS_URL \}\}$/m);
    expect(publish).toMatch(/^\s+SITE_URL: \$\{\{ vars\.SITE_URL \}\}$/m);
    // The dispatch's build id goes into a URL path: it is checked before anything runs.
    expect(publish).toContain("grep -Eq '^[A-Za-z0-9_-]{1,64}$'");
    // …and the report (which carries the publish token) is never sent when those checks failed.
    expect(publish).toMatch(/if: always\(\) && steps\.settings\.outcome == 'success'/);
  });

  it('publish.yml keeps the last build and its content snapshot in the Actions cache, so a publication there is incremental', () => {
    const publish = workflows.find((workflow) => workflow.name === 'publish.yml')?.text ?? '';
    const steps = publish.split(/\n(?=\s+- (?:name|uses|run):)/);
    const index = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step));
    const restore = index(/uses: actions\/cache\/restore@/);
    const build = index(/run: npm run publish:site/);
    const save = index(/uses: actions\/cache\/save@/);
    // Restored before the build, saved after it.
    expect(restore).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(restore);
    expect(save).toBeGreaterThan(build);
    const deploysDir = /DEPLOYS_DIR: (.+)$/m.exec(steps[build] ?? '')?.[1]?.trim();
    expect(deploysDir).toBe('${{ runner.temp }}/deploys');
    for (const step of [steps[restore], steps[save]])
      expect(step).toMatch(new RegExp(`path: ${deploysDir?.replace(/[$.{}]/g, '\\$&')}$`, 'm'));
    // A key of its own per run (caches cannot be overwritten); the newest is found by its prefix.
    const key = (step: string | undefined) => /^\s+key: (.+)$/m.exec(step ?? '')?.[1]?.trim();
    expect(key(steps[restore])).toBe(key(steps[save]));
    expect(key(steps[save])).toMatch(/\$\{\{ github\.run_id \}\}/);
    const prefix = /restore-keys: (.+)$/m.exec(steps[restore] ?? '')?.[1]?.trim() ?? '';
    expect(prefix).not.toBe('');
    expect(key(steps[save])?.startsWith(prefix)).toBe(true);
    // Saved even after a failed build: the marker of a failed incremental publication must reach
    // the next run, which then builds in full. Not after a run that never built.
    expect(steps[save]).toMatch(/if: always\(\) && steps\.build\.outcome != 'skipped'/);
    // Only the live deploy is kept in the cache.
    expect(steps[build]).toMatch(/PUBLISH_KEEP_DEPLOYS: '1'/);
    // The live site's /deploy.json is the collapse check's reference on a cold cache.
    expect(steps[build]).toMatch(/PUBLISH_LIVE_URL: \$\{\{ vars\.SITE_URL \}\}/);
  });

  it('ci.yml tests on every supported Node.js line', () => {
    const ci = workflows.find((workflow) => workflow.name === 'ci.yml')?.text ?? '';
    const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const supported = [...manifest.engines.node.matchAll(/\^(\d+)\./g)].map((match) => Number(match[1]));
    expect(supported).toEqual([20, 22, 24]);
    for (const workspace of ['content-schemas', 'cms', 'site', 'scripts']) {
      const own = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../..', workspace, 'package.json'), 'utf8')) as {
        engines?: { node?: string };
      };
      expect(own.engines?.node, workspace).toBe(manifest.engines.node);
    }
    expect(ci).toContain(`node: [${supported.join(', ')}]`);
  });
});
