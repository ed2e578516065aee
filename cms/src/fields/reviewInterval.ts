/** Same rule and message for a fiche's own interval and the defaults per type (ReviewSettings). */
export const validateReviewMonths = (value: number | null | undefined, { required = false } = {}): true | string => {
  if (value === null || value === undefined) return required ? 'Indiquez un intervalle de vérification, en mois.' : true;
  if (!Number.isInteger(value) || value <= 0)
    return `L’intervalle de vérification doit être un nombre entier de mois supérieur à zéro (reçu : ${value}).`;
  if (value > 60)
    return `L’intervalle de vérification ne peut dépasser 60 mois (reçu : ${value}) : une information non vérifiée depuis cinq ans n’est plus fiable.`;
  return true;
};

/** A check cannot happen in the future; a few minutes of clock skew between machines are tolerated. */
export const validateCheckDate = (value: string | Date | null | undefined): true | string => {
  if (!value) return true;
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return 'Date de vérification invalide.';
  if (time > Date.now() + 5 * 60 * 1000) return 'La date de vérification ne peut pas être dans le futur.';
  return true;
};
