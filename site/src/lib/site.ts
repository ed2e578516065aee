/** The site's public address (`SITE_URL`, set in astro.config.ts), for absolute URLs. */
export const siteUrl: string = import.meta.env.SITE;
