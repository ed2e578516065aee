/**
 * A Vite plugin that makes our scripts' dynamic imports plain `import()` calls. Vite wraps each
 * one in a helper that first adds `<link rel="modulepreload">` for the imported module's own
 * imports; the helper (about 1.4 KB, 650 bytes compressed) lands in the one script every page
 * loads (src/client/pageStart.ts) and, on a 2G link, takes bandwidth from the HTML and the
 * stylesheet before the first paint (0.24 s on a fiche: README, « Reader performance »). What
 * it would preload is the fiche tools' and the search's code, which load after the page, when
 * the main thread is idle: there, one more round trip for a module's imports costs the reader
 * nothing they wait for.
 *
 * With `build.modulePreload: false` Vite passes a dynamic import only the stylesheets it needs,
 * and our scripts import none (the pages' one stylesheet holds every rule); the build fails if
 * one ever does, rather than ship a module without its styles.
 */
import type { ViteUserConfig } from 'astro';

/** Vite is Astro's, not a dependency of ours: its plugin type through Astro's. */
type Plugin = Extract<NonNullable<ViteUserConfig['plugins']>[number], { name: string }>;

const preloadHelperId = '\0vite/preload-helper.js';

export function plainDynamicImports(): Plugin {
  return {
    name: 'passerelle-plain-dynamic-imports',
    apply: 'build',
    config: () => ({ build: { modulePreload: false } }),
    // `resolveId` and `load` take the first answer: ours comes before Vite's own build plugins.
    resolveId: (id) => (id === preloadHelperId ? id : undefined),
    load(id) {
      if (id !== preloadHelperId) return undefined;
      return {
        code: `export const __vitePreload = (load, deps) => deps && deps.length ? Promise.reject(new Error('plainDynamicImports: unexpected dependencies ' + deps)) : load();`,
        moduleSideEffects: false,
      };
    },
    writeBundle(_options, bundle) {
      // Vite names this list only when some dynamic import has dependencies to pass (stylesheets).
      const withDependencies = Object.values(bundle).filter(
        (file) => file.type === 'chunk' && file.code.includes('__vite__mapDeps'),
      );
      if (withDependencies.length > 0)
        this.error(
          `A script's dynamic import needs a stylesheet of its own (${withDependencies.map((file) => file.fileName).join(', ')}): put its rules in src/styles/site.css, or load it another way (src/integrations/plainDynamicImports.ts).`,
        );
    },
  };
}
