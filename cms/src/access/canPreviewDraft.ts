import type { PayloadRequest } from 'payload';

export type PreviewAccess = { ok: true; doc: Record<string, unknown> } | { ok: false; status: 401 | 403 | 404 };

/**
 * Who may preview a draft: a signed-in user who may read that draft — Payload's own read access
 * of the collection (a contributor only its structure's fiches, a translator only its languages'
 * translations), so a preview never shows more than the admin would. The latest draft, in every
 * language, relations as ids.
 */
export async function canPreviewDraft(
  req: PayloadRequest,
  collection: 'fiches' | 'translations',
  id: string,
): Promise<PreviewAccess> {
  if (!req.user) return { ok: false, status: 401 };
  const common = { collection, id, depth: 0, draft: true, locale: 'all', disableErrors: true, req } as const;
  const doc = await req.payload.findByID({ ...common, overrideAccess: false, user: req.user });
  if (doc) return { ok: true, doc: doc as unknown as Record<string, unknown> };
  // Hidden by access, or absent: say which, as the REST API's findByID does.
  const exists = await req.payload.findByID({ ...common, overrideAccess: true });
  return { ok: false, status: exists ? 403 : 404 };
}
