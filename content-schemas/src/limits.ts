/**
 * Longest texts the CMS takes (Payload's `maxLength`, refused with its French message) and the
 * contract accepts: each
 * appears in page titles, cards, feeds and open data, where a runaway text would bloat every
 * page that lists it. Generous for real content: the longest seed title is under 80 characters.
 */
export const textLimits = {
  /** Fiche title, brand or administration name, section item title. */
  title: 160,
  /** A fiche's summary: shown whole in search results, cards and meta descriptions. */
  summary: 280,
  /** Theme, need and structure names. */
  name: 120,
  acronym: 20,
  /** Image description for screen readers. */
  alt: 300,
} as const;
