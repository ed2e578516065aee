/**
 * Text made safe to put in HTML or XML, in an element or a double-quoted attribute: the
 * machine drafts' HTML, the XLIFF files, the preview's own pages.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
