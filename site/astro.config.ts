import { defineConfig } from 'astro/config';

import { compactDataStore } from './src/integrations/compactDataStore';
import { dropWebFonts } from './src/integrations/dropWebFonts';
import { wholeSitePasses } from './src/integrations/wholeSitePasses';
import { logicalProperties } from './src/integrations/logicalProperties';
import { notFoundPages } from './src/integrations/notFoundPages';
import { oneBuildAtATime } from './src/integrations/oneBuildAtATime';
import { plainDynamicImports } from './src/integrations/plainDynamicImports';

/** The public address of the site: canonical URLs, hreflang, sitemaps and Open Graph use it. */
const siteUrl = process.env.SITE_URL || 'http://localhost:4321';

export default defineConfig({
  site: siteUrl,
  output: 'static',
  // Previews of drafts (scripts/src/renderPreview.ts) build with a cache of their own: the content
  // store and the images in the cache stay the publisher's (builds of one folder take turns:
  // src/integrations/oneBuildAtATime.ts).
  ...(process.env.PASSERELLE_ASTRO_CACHE_DIR ? { cacheDir: process.env.PASSERELLE_ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One external stylesheet, cached across pages and pruned after the build.
    inlineStylesheets: 'never',
    // Four pages in flight: the next page renders while the last one's files are written (on two
    // cores, one at a time left the renderer waiting on the disk for a fifth of the time). Every
    // page's HTML is the same whatever the order (docs/publishing.md « The full build's memory and time »).
    concurrency: 4,
  },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  // The whole-site passes (CSS pruning, QR codes, search index, web app, social images, service
  // worker) run once the pages are where they are served; the publisher runs them in a process of
  // its own after this one (src/integrations/wholeSitePasses.ts).
  integrations: [oneBuildAtATime(), compactDataStore(), notFoundPages(), wholeSitePasses()],
  image: { responsiveStyles: false },
  vite: {
    // No modulepreload helper in the script every page loads (2G first paint).
    plugins: [plainDynamicImports()],
    css: { postcss: { plugins: [dropWebFonts(), logicalProperties()] } },
    build: {
      // Small images are inlined; scripts never are, so pages work under a Content-Security-Policy
      // without 'unsafe-inline' (scripts/src/cdnRules.ts; test/browser/search.test.ts).
      assetsInlineLimit: (file, content) => !file.endsWith('.js') && content.byteLength < 2048,
      rollupOptions: {
        output: {
          // The one shared stylesheet would otherwise be named after the first page that used it.
          assetFileNames: (asset) =>
            asset.names.some((name) => name.endsWith('.css')) ? '_astro/site.[hash][extname]' : '_astro/[name].[hash][extname]',
          // Vite's helper for dynamic imports (one line since src/integrations/plainDynamicImports.ts)
          // goes into the script every page loads (src/client/pageStart.ts) instead of a module of
          // its own: one request less before the first paint on a 2G link. The search form's
          // script, on pages that also load that one, imports it from there.
          manualChunks: (id) =>
            id === '\0vite/preload-helper.js' || /\/layouts\/BaseLayout\.astro\?astro&type=script/.test(id)
              ? 'page-start'
              : undefined,
        },
      },
    },
  },
});
