import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PurgeCSS } from 'purgecss';
import { gzipSync } from 'node:zlib';
import { templateFiles, withoutComments } from './integrations/pruneUnusedCss';

const files = await templateFiles();
const src = path.resolve('src');
const importRe = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.astro`, path.join(base, 'index.ts')]) if (existsSync(c) && files.includes(c)) return c;
  return undefined;
}
const cache = new Map<string, string[]>();
async function deps(file: string) {
  if (!cache.has(file)) {
    const code = await readFile(file, 'utf8');
    cache.set(file, [...code.matchAll(importRe)].map((m) => resolve(file, m[1] ?? m[2] ?? m[3] ?? '')).filter((x): x is string => !!x));
  }
  return cache.get(file)!;
}
async function closure(entry: string) {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) { const f = todo.pop()!; if (seen.has(f)) continue; seen.add(f); todo.push(...(await deps(f))); }
  return [...seen];
}
const css = await readFile(process.argv[2]!, 'utf8');
const gz = (s: string) => gzipSync(s, { level: 9 }).length;
const rich = files.find((f) => f.endsWith('RichTextSchema.ts'))!;
const pages = files.filter((f) => f.startsWith(path.join(src, 'pages')) && f.endsWith('.astro'));
for (const p of pages) {
  const set = [...(await closure(p)), rich];
  const content = await Promise.all(set.map(async (f) => ({ raw: withoutComments(await readFile(f, 'utf8')), extension: path.extname(f).slice(1) })));
  const [r] = await new PurgeCSS().purge({ content, css: [{ raw: css }], variables: true, keyframes: true, fontFace: true, safelist: { standard: ['open'], greedy: [/^:root$/, /appointment-table/] } });
  console.log(path.relative(src, p).padEnd(45), String(set.length).padStart(3), 'files', r!.css.length, gz(r!.css));
}
