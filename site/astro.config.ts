import { defineConfig } from 'astro/config';

import { compactDataStore } from './src/integrations/compactDataStore';
import { dropWebFonts } from './src/integrations/dropWebFonts';
import { logicalProperties } from './src/integrations/logicalProperties';
import { notFoundPages } from './src/integrations/notFoundPages';
import { plainDynamicImports } from './src/integrations/plainDynamicImports';
import { printQrCodes } from './src/integrations/printQrCodes';
import { pruneUnusedCss } from './src/integrations/pruneUnusedCss';
import { searchIndex } from './src/integrations/searchIndex';
import { serviceWorker } from './src/integrations/serviceWorker';
import { socialImages } from './src/integrations/socialImages';
import { webApp } from './src/integrations/webAppManifest';

/** The public address of the site: canonical URLs, hreflang, sitemaps and Open Graph use it. */
const siteUrl = process.env.SITE_URL || 'http://localhost:4321';

export default defineConfig({
  site: siteUrl,
  output: 'static',
  // Previews of drafts (scripts/src/renderPreview.ts) build with a cache of their own: the content
  // store in the cache is what Vite reads, and a publication building at the same time must read its own.
  ...(process.env.PASSERELLE_ASTRO_CACHE_DIR ? { cacheDir: process.env.PASSERELLE_ASTRO_CACHE_DIR } : {}),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One external stylesheet, cached across pages and pruned after the build.
    inlineStylesheets: 'never',
  },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  // In this order: the search index is made from the final pages, and the service worker
  // precaches the stylesheet under its final, pruned name.
  integrations: [
    compactDataStore(),
    notFoundPages(),
    pruneUnusedCss(),
    printQrCodes(),
    searchIndex(),
    webApp(),
    socialImages(),
    serviceWorker(),
  ],
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
