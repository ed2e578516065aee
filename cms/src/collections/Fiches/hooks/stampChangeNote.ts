import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload';

import type { Fiche } from '../../../payload-types';
import { keepRequestLocale } from '../../../utilities/keepRequestLocale';

/**
 * A change note belongs to the publication it was written for. When an editor publishes the
 * French fiche, the note gets that publication's date if it is new — different from the note
 * of the version online — and is removed if it is the note already announced, so a later
 * publication without a new note does not announce the old one again. Feeds and open data show
 * a note only with its date (content-schemas `changeNoteIn`). Drafts and autosaves keep the
 * text as typed; translations (written by the translation workflow, or by an admin in another
 * locale) never stamp or clear anything.
 */
export const stampChangeNote: CollectionBeforeChangeHook<Fiche> = async ({ data, originalDoc, req, context }) => {
  if (context.translationWorkflow) return data;
  if (req.locale && req.locale !== 'fr') return data;
  if (data._status !== 'published') return data;

  const note = typeof data.changeNote === 'string' ? data.changeNote.trim() : '';
  if (!note) {
    data.changeNote = null;
    data.changeNoteDate = null;
    return data;
  }
  const online = originalDoc?.id ? await publishedNote(req, originalDoc.id) : undefined;
  if (online?.note === note && online.date) {
    data.changeNote = null;
    data.changeNoteDate = null;
    return data;
  }
  data.changeNote = note;
  data.changeNoteDate = new Date().toISOString();
  return data;
};

/**
 * The French note and its date on the version the public sees: with drafts, Payload writes the
 * main document only on publication (autosaves go to versions), so `originalDoc` — the latest
 * draft — may already hold the note being published.
 */
async function publishedNote(req: PayloadRequest, id: string): Promise<{ note: string; date: string | null } | undefined> {
  const current = await keepRequestLocale(req, () =>
    req.payload.findByID({
      collection: 'fiches',
      id,
      locale: 'fr',
      fallbackLocale: false,
      depth: 0,
      draft: false,
      overrideAccess: true,
      select: { changeNote: true, changeNoteDate: true, _status: true },
      req,
    }),
  );
  if (current._status !== 'published') return undefined;
  return { note: current.changeNote?.trim() ?? '', date: current.changeNoteDate ?? null };
}
