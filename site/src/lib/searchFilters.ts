/**
 * The search filter helpers of content-schemas, imported through their own subpath rather than
 * the package entry: the browser's search code uses them, and the entry would also bring zod and
 * every schema into that bundle.
 */
export * from '@passerelle/content-schemas/transforms/searchFilters';
