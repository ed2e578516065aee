/**
 * At the top of a fiche opened in another language than French: says that this text is read-only
 * here and links to the translation where it is written and validated. A note with a link, no
 * other control; `role="note"` so screen readers announce it as such.
 */
import type { UIFieldServerProps } from 'payload';
import type React from 'react';

import { directionOf, isLocale, locales } from '@passerelle/content-schemas';

export async function TranslationPointer({ data, req, payload }: UIFieldServerProps): Promise<React.ReactElement | null> {
  const language = req.locale;
  const ficheId = data?.id as string | undefined;
  if (!language || language === 'fr' || !isLocale(language)) return null;
  const name = locales.find((locale) => locale.code === language)?.label ?? language;
  const { docs } = ficheId
    ? await payload.find({
        collection: 'translations',
        where: { and: [{ fiche: { equals: ficheId } }, { language: { equals: language } }] },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        select: { language: true },
      })
    : { docs: [] };
  const translation = docs[0];
  return (
    <div
      role="note"
      className="passerelle-translation-pointer"
      style={{
        padding: '0.75rem 1rem',
        marginBlockEnd: '1.5rem',
        border: '1px solid var(--theme-elevation-250)',
        background: 'var(--theme-elevation-50)',
      }}
    >
      <p style={{ margin: 0 }}>
        Vous lisez cette fiche en{' '}
        <span lang={language} dir={directionOf(language)}>
          {name}
        </span>{' '}
        : ce texte vient de la traduction validée et ne se modifie pas ici. Les fiches s’écrivent en français.
      </p>
      {translation ? (
        <p style={{ margin: '0.5rem 0 0' }}>
          <a href={`/admin/collections/translations/${translation.id}`}>Ouvrir la traduction en {name}</a>
        </p>
      ) : null}
    </div>
  );
}
