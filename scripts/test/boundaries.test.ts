/**
 * The four parts keep their forbidden imports out (contract → CMS, contract → site, contract →
 * scripts, site → CMS, CMS → site), in .ts and .astro files, source and tests alike: a structural
 * test in the manner of Starlight's no-internal-barrel-imports, read from the files.
 */
import { describe, expect, it } from 'vitest';

import { importSpecifiers, repositoryImportViolations, sourceFiles, violationsIn } from '../src/boundaries';

describe('imports between the parts', () => {
  it('reads the .astro files too', () => {
    const files = sourceFiles();
    expect(files.some((file) => file.startsWith('site/src/') && file.endsWith('.astro'))).toBe(true);
    expect(files.some((file) => file.startsWith('cms/src/') && file.endsWith('.tsx'))).toBe(true);
    expect(files.some((file) => file.startsWith('content-schemas/src/'))).toBe(true);
  });

  it('no file imports a part it must not', () => {
    expect(repositoryImportViolations().map((v) => `${v.file} (${v.from} → ${v.to}): ${v.specifier}`)).toEqual([]);
  });
});

describe('the check itself', () => {
  const astroPage = [
    '---',
    "import Layout from '../layouts/Layout.astro';",
    "import type { Fiche } from '../../../cms/src/payload-types';",
    '---',
    '<Layout><p>Pas d’import ici : import x from "nulle part"</p></Layout>',
    '<script>',
    "  import { seed } from '@passerelle/cms/seed';",
    "  const lazy = await import('@payload-config');",
    '</script>',
  ].join('\n');

  it('finds imports in an Astro frontmatter and in its <script> tags', () => {
    expect(violationsIn('site/src/pages/index.astro', astroPage).map((v) => v.specifier)).toEqual([
      '../../../cms/src/payload-types',
      '@passerelle/cms/seed',
      '@payload-config',
    ]);
  });

  it('finds multi-line, re-exported, side-effect and required imports', () => {
    const source = [
      'import {',
      '  a,',
      '  type B,',
      "} from '../../site/src/lib/catalog';",
      "export * from '@passerelle/site';",
      "import '../../cms/src/styles.css';",
      "const x = require('@passerelle/scripts/start');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      '../../site/src/lib/catalog',
      '@passerelle/site',
      '../../cms/src/styles.css',
      '@passerelle/scripts/start',
    ]);
    expect(violationsIn('content-schemas/src/index.ts', source)).toHaveLength(4);
  });

  it('allows what the parts may import', () => {
    const source =
      "import { z } from 'zod';\nimport { locales } from '@passerelle/content-schemas';\nimport { launchChromium } from '../../../scripts/src/browser';";
    expect(violationsIn('site/test/browser/pages.test.ts', source)).toEqual([]);
    expect(
      violationsIn('cms/src/collections/Fiches/index.ts', "import { locales } from '../../../../content-schemas/src/locales';"),
    ).toEqual([]);
    expect(violationsIn('scripts/src/start.ts', "import { seed } from '@passerelle/cms/seed';")).toEqual([]);
  });
});
