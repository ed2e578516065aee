/**
 * An Astro integration that removes, after the build, every CSS rule, custom property and
 * keyframe no built page uses. The design system ships far more than the few components the
 * pages use; what reaches readers is only what they need. The pruned file gets a name hashed
 * from its new content, so long-lived caches never keep a stylesheet missing a new page's rules.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';
import { PurgeCSS } from 'purgecss';

async function filesUnder(directory: string, extension: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(extension)).map((entry) => path.join(entry.parentPath, entry.name));
}

export async function pruneCssIn(outDir: string): Promise<{ file: string; before: number; after: number }[]> {
  const [htmlFiles, cssFiles] = await Promise.all([filesUnder(outDir, '.html'), filesUnder(outDir, '.css')]);
  if (cssFiles.length === 0) return [];
  const results = await new PurgeCSS().purge({
    content: htmlFiles,
    css: cssFiles,
    variables: true,
    keyframes: true,
    fontFace: true,
    // Toggled by the browser or by the print script rather than present in the HTML; the
    // appointment sheet's table is made in the browser (src/client/appointmentSheet.ts).
    safelist: { standard: ['open'], greedy: [/^:root$/, /appointment-table/] },
  });
  const report = [];
  const renames = new Map<string, string>();
  for (const result of results) {
    if (!result.file) continue;
    const before = (await readFile(result.file)).byteLength;
    const hash = createHash('sha256').update(result.css).digest('base64url').slice(0, 10);
    const renamed = path.join(path.dirname(result.file), path.basename(result.file).replace(/\.[\w-]+\.css$/, `.${hash}.css`));
    await writeFile(renamed, result.css);
    if (renamed !== result.file) {
      await rm(result.file);
      renames.set(path.basename(result.file), path.basename(renamed));
    }
    report.push({ file: path.relative(outDir, renamed), before, after: Buffer.byteLength(result.css) });
  }
  for (const file of htmlFiles) {
    const html = await readFile(file, 'utf8');
    let updated = html;
    for (const [from, to] of renames) updated = updated.replaceAll(`/${from}`, `/${to}`);
    if (updated !== html) await writeFile(file, updated);
  }
  return report;
}

export function pruneUnusedCss(): AstroIntegration {
  return {
    name: 'passerelle-prune-unused-css',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        for (const { file, before, after } of await pruneCssIn(fileURLToPath(dir))) {
          logger.info(`${file}: ${before} → ${after} bytes`);
        }
      },
    },
  };
}
