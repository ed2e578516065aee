/** Optional web address: empty, or an absolute http(s) URL an editor can check by clicking. */
export function validateHttpUrl(value: string | null | undefined): true | string {
  if (!value) return true;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return true;
  } catch {
    // fall through to the message
  }
  return 'Indiquez une adresse web complète, qui commence par https:// (ex. : https://www.caf.fr/).';
}
