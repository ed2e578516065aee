import type { CollectionBeforeOperationHook, FieldHook } from 'payload';

/**
 * « Dupliquer » starts a new text, not a second copy of a live one: only the French is copied
 * (translations were validated for the source, not for what the copy will become), and the
 * copy is a draft. Its slug and short id are made afresh by `assignIdentifiers`.
 */
export const duplicateAsNewFiche: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'create' || !args.duplicateFromID) return args;
  return { ...args, selectedLocales: ['fr'], draft: true };
};

/** For fields a duplicate must not inherit (identifiers, the source's change note). */
export const notDuplicated: FieldHook = () => null;
