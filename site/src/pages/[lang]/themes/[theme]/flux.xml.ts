/** Atom feed of the fiches of one theme updated, in one language (see src/lib/feeds.ts). */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';

import { localeCodes } from '@passerelle/content-schemas';

import { getCatalog } from '../../../../lib/catalog';
import { themeFeed } from '../../../../lib/feeds';
import { siteUrl } from '../../../../lib/site';

export const getStaticPaths = (async () => {
  const { themes } = await getCatalog();
  return themes.flatMap((theme) =>
    localeCodes.map((locale) => ({ params: { lang: locale, theme: theme.slug }, props: { theme, locale } })),
  );
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props }) =>
  new Response(themeFeed(await getCatalog(), props.theme, props.locale, siteUrl), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
