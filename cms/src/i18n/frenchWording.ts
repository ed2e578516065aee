/**
 * Where Payload's French is clumsy (« Créer un(e) nouveau ou nouvelle ») or speaks of « locales »
 * and « lieux » for what our editors call languages. Merged over Payload's own French.
 * Strings the rich-text editor writes in English without going through its i18n (« Drag to
 * move », « Add block », « Edit link », « Remove link ») are renamed by
 * components/EditorFrenchLabels.tsx instead.
 */
export const frenchWording = {
  general: {
    allLocales: 'Toutes les langues',
    addNew: 'Ajouter',
    addNewLabel: 'Ajouter : {{label}}',
    createNew: 'Créer',
    createNewLabel: 'Créer : {{label}}',
    creatingNewLabel: 'Création : {{label}}',
    uploadNewLabel: 'Téléverser : {{label}}',
    fallbackToDefaultLocale: 'Revenir au texte français',
    locale: 'Langue',
    locales: 'Langues',
    successfullyDuplicated: '{{label}} : copie créée (brouillon en français, sans traductions).',
  },
  localization: {
    cannotCopySameLocale: 'Impossible de copier vers la même langue',
    copyFrom: 'Copier depuis',
    copyFromTo: 'Copier du {{from}} vers le {{to}}',
    copyTo: 'Copier vers',
    copyToLocale: 'Copier vers une autre langue',
    localeToPublish: 'Langue à publier',
    selectLocaleToCopy: 'Choisissez la langue à copier',
  },
  version: {
    publishAllLocales: 'Publier toutes les langues',
    selectLocales: 'Langues à afficher',
    showLocales: 'Langues affichées :',
  },
};
