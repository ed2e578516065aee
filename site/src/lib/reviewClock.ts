/**
 * The build's clock for freshness notices: now, or `PASSERELLE_REVIEW_NOW` (an ISO date) so a
 * build from a fixed snapshot is reproducible — the test fixtures are built at a fixed instant.
 */
export function reviewNow(): Date {
  const fixed = process.env.PASSERELLE_REVIEW_NOW;
  if (!fixed) return new Date();
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) throw new Error(`PASSERELLE_REVIEW_NOW is not a date: ${fixed}`);
  return date;
}
