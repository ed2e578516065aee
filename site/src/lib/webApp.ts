/** What pages link to of the web app (src/integrations/webAppManifest.ts writes the files). */
import type { Locale } from '@passerelle/content-schemas';

/** DSFR "bleu France", the colour of the header, the icon and the browser's bar around the app. */
export const themeColor = '#000091';
export const backgroundColor = '#ffffff';

/**
 * What a page's head links to. Android uses 192 and 512 pixel icons, the maskable ones shaped
 * by the launcher (the drawing kept in the safe zone); iOS uses one 180 pixel icon without
 * transparency (it rounds the corners itself).
 */
export const webAppPaths = {
  manifest: (locale: Locale) => `/${locale}/manifest.webmanifest`,
  icon: (size: number, purpose: 'any' | 'maskable') => `/icons/${purpose === 'maskable' ? 'maskable-' : 'icon-'}${size}.png`,
  appleTouchIcon: '/icons/apple-touch-icon.png',
};
