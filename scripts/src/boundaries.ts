/**
 * The parts of the repository and which may import which, read from the files themselves: every
 * import, re-export, dynamic import and require in TypeScript, JavaScript and Astro files (an Astro
 * component's frontmatter and its <script> tags alike). Used by scripts/test/boundaries.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { repositoryRoot } from '@passerelle/content-schemas/repository';

export const parts = ['content-schemas', 'cms', 'site', 'scripts'] as const;
export type Part = (typeof parts)[number];

/**
 * Forbidden directions. The contract depends on nothing of ours; the site is built from the
 * contract alone (never from CMS code), and the CMS knows nothing of how the site renders.
 */
export const forbiddenImports: readonly { from: Part; to: Part }[] = [
  { from: 'content-schemas', to: 'cms' },
  { from: 'content-schemas', to: 'site' },
  { from: 'content-schemas', to: 'scripts' },
  { from: 'site', to: 'cms' },
  { from: 'cms', to: 'site' },
];

const sourceExtensions = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.astro'];
const skippedDirectories = new Set(['node_modules', '.next', '.astro', '.turbo', 'dist', 'test-dist', 'data', 'media']);

/** The npm names of our workspaces, and the CMS's `@payload-config` alias, mapped to their part. */
const packageParts: Record<string, Part> = {
  '@passerelle/content-schemas': 'content-schemas',
  '@passerelle/cms': 'cms',
  '@passerelle/site': 'site',
  '@passerelle/scripts': 'scripts',
  '@payload-config': 'cms',
};

const importPatterns = [
  // import x from 'y', import { a } from 'y', import type …, import 'y', export … from 'y' (across lines)
  /\b(?:import|export)\s+(?:type\s+)?(?:[^'"`;()]*?\s+from\s*)?['"]([^'"\n]+)['"]/g,
  // import('y'), require('y')
  /\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

export function importSpecifiers(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of importPatterns) for (const match of text.matchAll(pattern)) found.add(match[1] ?? '');
  return [...found];
}

/** The part a file belongs to, from its path relative to the repository root. */
export function partOf(relativeFile: string): Part | undefined {
  const [first] = relativeFile.split(/[\\/]/);
  return (parts as readonly string[]).includes(first ?? '') ? (first as Part) : undefined;
}

/** The part an import lands in, or undefined for a dependency or a file outside the four parts. */
export function importedPart(relativeFile: string, specifier: string): Part | undefined {
  if (specifier.startsWith('.')) {
    return partOf(path.relative(repositoryRoot, path.resolve(repositoryRoot, path.dirname(relativeFile), specifier)));
  }
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
  return packageParts[packageName];
}

export type ImportViolation = { file: string; specifier: string; from: Part; to: Part };

/** The forbidden imports of one file (path relative to the repository root). */
export function violationsIn(relativeFile: string, text: string): ImportViolation[] {
  const from = partOf(relativeFile);
  if (!from) return [];
  return importSpecifiers(text).flatMap((specifier) => {
    const to = importedPart(relativeFile, specifier);
    if (!to || !forbiddenImports.some((rule) => rule.from === from && rule.to === to)) return [];
    return [{ file: relativeFile, specifier, from, to }];
  });
}

/** Every source file of the four parts, relative to the repository root. */
export function sourceFiles(root = repositoryRoot): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!skippedDirectories.has(entry.name)) walk(path.join(directory, entry.name));
      } else if (sourceExtensions.includes(path.extname(entry.name))) {
        files.push(path.relative(root, path.join(directory, entry.name)));
      }
    }
  };
  for (const part of parts) walk(path.join(root, part));
  return files.sort();
}

export function repositoryImportViolations(root = repositoryRoot): ImportViolation[] {
  return sourceFiles(root).flatMap((file) => violationsIn(file, readFileSync(path.join(root, file), 'utf8')));
}
