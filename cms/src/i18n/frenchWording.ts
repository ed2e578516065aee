/**
 * Where Payload's French is clumsy (« Créer un(e) nouveau ou nouvelle ») or speaks of « locales »
 * and « lieux » for what our editors call languages. Merged over Payload's own French.
 * Strings Payload writes in English without going through its i18n (the rich-text editor's
 * « Drag to move », « Add block » handles) cannot be changed here.
 */
export const frenchWording = {
  general: {
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
  },
};
