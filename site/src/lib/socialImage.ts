/**
 * The image shown with a shared link (`og:image`): one per kind of page and language, drawn at
 * build time (src/integrations/socialImages.ts). The kind is read from the page's canonical path, so
 * no page has to say it.
 */
import { ficheSegments, type Locale } from '@passerelle/content-schemas';

export const socialImageTypes = [
  'site',
  'home',
  'theme',
  'demarche',
  'dispositif',
  'search',
  'departement',
  'structure',
] as const;
export type SocialImageType = (typeof socialImageTypes)[number];

export const socialImageSize = { width: 1200, height: 630 } as const;

export const socialImage = {
  path: (locale: Locale, type: SocialImageType) => `/og/${locale}/${type}.png`,
  /** The kind of page at a canonical path: `/ar/demarches/carte-vitale/` → demarche. */
  typeOf(canonicalPath: string): SocialImageType {
    const [, , section = '', rest = ''] = canonicalPath.split('/');
    if (section === '') return 'home';
    if (section === ficheSegments.demarche) return 'demarche';
    if (section === ficheSegments.dispositif) return 'dispositif';
    if (section === 'themes' && rest) return 'theme';
    if (section === 'recherche') return 'search';
    if (section === 'departements') return 'departement';
    if (section === 'structures' && rest) return 'structure';
    return 'site';
  },
};
