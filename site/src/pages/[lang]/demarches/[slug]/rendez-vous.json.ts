/** A démarche's part of the appointment sheet, in one language and French (src/lib/appointment.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';

import { localeCodes, type Locale } from '@passerelle/content-schemas';

import { appointmentFiche } from '../../../../lib/appointment';
import { getCatalog, type CatalogFiche } from '../../../../lib/catalog';
import { rendersFiche } from '../../../../lib/renderOnly';
import { siteUrl } from '../../../../lib/site';

export const getStaticPaths = (async () => {
  const { fiches } = await getCatalog();
  // Like the fiche page it belongs to, made again only when that fiche is touched (src/lib/renderOnly.ts).
  return fiches
    .filter((fiche) => fiche.type === 'demarche' && rendersFiche(fiche))
    .flatMap((fiche) => localeCodes.map((locale) => ({ params: { lang: locale, slug: fiche.slug }, props: { fiche, locale } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { fiche, locale } = props as { fiche: CatalogFiche; locale: Locale };
  const data = appointmentFiche(await getCatalog(), fiche, locale, siteUrl);
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
