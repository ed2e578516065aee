/**
 * What each file of a built site is served as. The site's files are the contract's output: the
 * local server and CDN stand-in (scripts/src/staticServer.ts) and the CMS preview of a draft
 * (cms/src/publishing/preview/previewEndpoints.ts) serve the same files, so they answer with the
 * same types, and a file type the site starts to emit is declared here once.
 */
export const siteContentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  // Pagefind's index files: binary, read by its own script.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/** The content type of a site file, from its name's extension (any case); unknown ones are bytes. */
export function siteContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const extension = dot > slash ? fileName.slice(dot).toLowerCase() : '';
  return (Object.hasOwn(siteContentTypes, extension) ? siteContentTypes[extension] : undefined) ?? 'application/octet-stream';
}
