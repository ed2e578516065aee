/**
 * The anchor: the same fiches as a plain Astro Starlight docs site (0.37, the last line for
 * Astro 5) in the same 8 languages (ar, ps, fa right-to-left), with Starlight's built-in
 * Pagefind search, built in the same run on the same machine. Our figures are printed as
 * ratios against it, so a slow or busy machine does not hide what our own choices cost.
 *
 * The project is written under the repository root (`/.bench-work/`), so Node finds the hoisted
 * `astro` and `@astrojs/starlight`. One Markdown page per fiche and translated language, laid
 * out like ours (summary, then the four sections); untranslated languages get Starlight's own
 * French fallback pages. The sidebar holds only the home link: Starlight's default would list
 * all fiches on every page, which says nothing about the framework and everything about a menu.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ficheSegments, locales, type Locale } from '@passerelle/content-schemas';
import type { SeedData, SeedFiche, SeedTranslation } from '@passerelle/cms/seed';

import { parseAstroPages, renderSeconds } from './buildMeasure';
import { sampleTreeRss } from './processTree';

export type AnchorBuild = {
  pages: number;
  astroSeconds: number;
  renderSeconds: number;
  totalSeconds: number;
  peakRssBytes: number;
  distDir: string;
};

const sections = ['what', 'why', 'how', 'next'] as const;

/** A fiche page as Starlight Markdown: front matter, summary, sections with their items. */
export function ficheMarkdown(
  fiche: SeedFiche,
  translation: SeedTranslation,
  locale: Locale,
  sectionTitles: Record<(typeof sections)[number], string>,
  linkTo: (key: string) => string | undefined,
): string {
  const body = (markup: string) =>
    markup.replace(/\[([^\]]+)\]\(fiche:([^)]+)\)/g, (_link, label: string, key: string) => {
      const target = linkTo(key);
      return target ? `[${label}](${target})` : label;
    });
  const lines = [
    '---',
    `title: ${JSON.stringify(translation.title)}`,
    `description: ${JSON.stringify(translation.summary)}`,
    '---',
    '',
  ];
  lines.push(translation.summary, '');
  const name = translation.brandName ?? translation.administrationName;
  if (name) lines.push(`**${name}**`, '');
  for (const section of sections) {
    if (translation[section].length === 0) continue;
    lines.push(`## ${sectionTitles[section]}`, '');
    for (const item of translation[section]) lines.push(`### ${item.title}`, '', body(item.body), '');
  }
  return `${lines.join('\n')}\n`;
}

export function anchorPath(locale: Locale, fiche: SeedFiche): string {
  return `/${locale}/${ficheSegments[fiche.type]}/${fiche.key}/`;
}

export async function writeAnchorProject(dir: string, corpus: SeedData, siteI18nDir: string): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  const docs = path.join(dir, 'src', 'content', 'docs');
  await mkdir(docs, { recursive: true });
  const localesConfig = Object.fromEntries(
    locales.map((locale) => [
      locale.code,
      { label: locale.label, lang: locale.code, ...(locale.dir === 'rtl' ? { dir: 'rtl' } : {}) },
    ]),
  );
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-starlight-anchor', private: true, type: 'module' }, null, 2)}\n`,
  );
  await writeFile(
    path.join(dir, 'astro.config.mjs'),
    [
      "import starlight from '@astrojs/starlight';",
      "import { defineConfig } from 'astro/config';",
      '',
      'export default defineConfig({',
      "  site: 'http://localhost',",
      '  telemetry: false,',
      '  integrations: [',
      '    starlight({',
      "      title: 'Passerelle',",
      "      defaultLocale: 'fr',",
      `      locales: ${JSON.stringify(localesConfig)},`,
      "      sidebar: [{ label: 'Accueil', link: '/fr/' }],",
      '    }),',
      '  ],',
      '});',
      '',
    ].join('\n'),
  );
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await writeFile(
    path.join(dir, 'src', 'content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { docsLoader } from '@astrojs/starlight/loaders';",
      "import { docsSchema } from '@astrojs/starlight/schema';",
      '',
      'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
      '',
    ].join('\n'),
  );
  const byKey = new Map(corpus.fiches.map((fiche) => [fiche.key, fiche]));
  let files = 0;
  for (const { code: locale, label } of locales) {
    const strings = JSON.parse(await readFile(path.join(siteI18nDir, `${locale}.json`), 'utf8')) as Record<string, string>;
    const sectionTitles = Object.fromEntries(
      sections.map((section) => [section, strings[`fiche.section.${section}`] ?? section]),
    ) as Record<(typeof sections)[number], string>;
    await mkdir(path.join(docs, locale), { recursive: true });
    await writeFile(path.join(docs, locale, 'index.md'), `---\ntitle: ${JSON.stringify(`Passerelle — ${label}`)}\n---\n`);
    for (const fiche of corpus.fiches) {
      const translation = fiche.translations[locale];
      if (!translation) continue; // Starlight builds a French fallback page for it
      const file = path.join(docs, locale, ficheSegments[fiche.type], `${fiche.key}.md`);
      await mkdir(path.dirname(file), { recursive: true });
      const linkTo = (key: string) => {
        const target = byKey.get(key);
        return target ? anchorPath(locale, target) : undefined;
      };
      await writeFile(file, ficheMarkdown(fiche, translation, locale, sectionTitles, linkTo));
      files += 1;
    }
  }
  return files;
}

export async function buildAnchor(dir: string, repoRoot: string, progress: (line: string) => void): Promise<AnchorBuild> {
  const started = Date.now();
  const lines: string[] = [];
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'astro', 'astro.js'), 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTreeRss(child.pid as number);
  let pending = '';
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (/page\(s\) built|pagefind/i.test(line)) progress(line.trim());
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  const memory = sampler.stop();
  if (code !== 0) throw new Error(`the Starlight build failed (exit code ${code}):\n${lines.slice(-15).join('\n')}`);
  const astro = [...lines, pending].map(parseAstroPages).find(Boolean);
  if (!astro) throw new Error('the Starlight build log has no "page(s) built" line');
  return {
    pages: astro.pages,
    astroSeconds: astro.seconds,
    renderSeconds: renderSeconds(lines),
    totalSeconds: (Date.now() - started) / 1000,
    peakRssBytes: memory.peakBytes,
    distDir: path.join(dir, 'dist'),
  };
}
