/** The theme segment of the embed page listing every theme: `/embed/{lang}/tous/`. */
export const embedAllThemes = 'tous';

/** What the filter accepts in `?departement=`: a département code as the site writes it (`31`, `2A`, `974`). */
export const departementParameterPattern = /^(?:\d{2,3}|2[AB])$/;
