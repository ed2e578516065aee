/** Text for the Atom feeds, kept free of Astro so it can be tested alone. */

/**
 * Characters XML 1.0 cannot carry at all, even escaped (control characters, U+FFFE/U+FFFF, half
 * of a surrogate pair): one of them in a title would make the whole feed unreadable, so they are
 * left out. Tab, line feed and carriage return are allowed.
 */
const xmlForbidden =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(xmlForbidden, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
