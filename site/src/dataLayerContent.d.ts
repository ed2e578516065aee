/**
 * Astro's module of the synced content store (astro/dist/content/consts.js `DATA_STORE_VIRTUAL_ID`):
 * in a build, the Map src/integrations/compactDataStore.ts makes of it; read by src/lib/catalog.ts.
 */
declare module 'astro:data-layer-content' {
  const store: unknown;
  export default store;
}
