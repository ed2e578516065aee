/**
 * Longest texts the CMS takes (Payload's `maxLength`, refused with its French message): each
 * appears in page titles, cards, feeds and open data, where a runaway text would bloat every
 * page that lists it. Generous for real content: the longest seed title is under 80 characters.
 */
export const textLimits = {
  /** Fiche title, brand or administration name, section item title. */
  title: 160,
  /** Theme, need and structure names. */
  name: 120,
  acronym: 20,
  /** Image description for screen readers. */
  alt: 300,
} as const;
