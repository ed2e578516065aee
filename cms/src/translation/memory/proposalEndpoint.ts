import type { Endpoint, PayloadRequest } from 'payload';
import { ValidationError } from 'payload';

import { directionOf, isLocale, isUnitKey, type SectionKey, type UnitKey } from '@passerelle/content-schemas';

import type { Translation } from '../../payload-types';
import { markupToLexical } from '../../seed/markupToLexical';
import { latestFrenchOf } from '../frenchOf';
import { translatableContentOf } from '../units';
import { memoryMatches } from './lookup';
import { piecesOf } from './segments';

class MissingItemsError extends Error {}

const answer = (status: number, message: string) => Response.json({ message }, { status });

/**
 * A memory text, as the unit's data: a text unit takes it as is; a section item takes the first
 * line as its title and the rest as its body (`- ` lines as a list), in the language's direction.
 */
export function proposalData(
  translation: Pick<Translation, SectionKey | 'documents'>,
  unit: UnitKey,
  text: string,
  language: string,
  /** For a document: whether the French row has a name of its own (else it is one of the shared list, and the text is its note). */
  documentHasName = true,
): Partial<Translation> {
  const [section, index] = unit.split('.') as [string, string | undefined];
  if (index === undefined) return { [unit]: text };
  if (section === 'documents') {
    const rows = [...(translation.documents ?? [])].map(({ name, note }) => ({ name: name ?? null, note: note ?? null }));
    if (rows.length < Number(index)) throw new MissingItemsError();
    const [first = '', ...rest] = text.split('\n');
    rows[Number(index)] = documentHasName
      ? { name: first, note: rest.join(' ') || null }
      : { name: null, note: text.replace(/\n/g, ' ') };
    return { documents: rows };
  }
  const [title = '', ...lines] = text.split('\n');
  // Blank lines between paragraphs, list items kept together: the markup markupToLexical reads.
  const markup = lines
    .map((line, position) =>
      position > 0 && !(line.startsWith('- ') && lines[position - 1]!.startsWith('- ')) ? `\n${line}` : line,
    )
    .join('\n');
  const items = [...((translation[section as SectionKey] ?? []) as NonNullable<Translation['what']>)].map(
    ({ title: itemTitle, body }) => ({ title: itemTitle, body }),
  );
  // Items are written in order: the previous ones must exist (their title and text are required).
  if (items.length < Number(index)) throw new MissingItemsError();
  items[Number(index)] = { title, body: markupToLexical(markup || title, directionOf(language as never), (key) => key) as never };
  return { [section]: items };
}

/**
 * POST /api/translations/:id/memory-proposal `{ unit, target }`: inserts a memory match as the
 * unit's proposal, as the signed-in user (their language rights and the workflow apply). The
 * match must still be one the memory offers for this unit. Never validates: an expert does.
 */
export const memoryProposalEndpoint: Endpoint = {
  path: '/:id/memory-proposal',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!req.user) return answer(401, 'Connectez-vous pour insérer une suggestion.');
    const id = String(req.routeParams?.id ?? '');
    let body: { unit?: unknown; target?: unknown };
    try {
      body = ((await req.json?.()) ?? {}) as typeof body;
    } catch {
      return answer(400, 'Requête illisible : elle doit contenir l’élément et le texte de la suggestion.');
    }
    const unit = typeof body.unit === 'string' ? body.unit : '';
    const target = typeof body.target === 'string' ? body.target : '';
    if (!isUnitKey(unit) || !target.trim())
      return answer(400, 'Requête incomplète : elle doit contenir l’élément et le texte de la suggestion.');

    let translation: Translation;
    try {
      translation = await req.payload.findByID({
        collection: 'translations',
        id,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      });
    } catch {
      return answer(404, 'Cette traduction n’existe pas ou ne vous est pas accessible.');
    }
    if (!isLocale(translation.language)) return answer(400, 'Langue inconnue.');
    const french = translatableContentOf(
      await latestFrenchOf(typeof translation.fiche === 'object' ? translation.fiche.id : translation.fiche, req),
    );
    const pieces = piecesOf(french, unit);
    if (!pieces) return answer(400, 'Cet élément n’existe pas dans la fiche française.');
    const matches = await memoryMatches(req.payload, {
      language: translation.language,
      unit: pieces,
      excludeTranslation: translation.id,
    });
    if (!matches.some((match) => match.target === target)) {
      return answer(409, 'Cette suggestion n’est plus proposée par la mémoire (une traduction a changé) : rechargez la page.');
    }
    try {
      req.context.proposalOrigin = { [unit]: 'memory' };
      await req.payload.update({
        collection: 'translations',
        id,
        // A proposal, never a validation: a validated translation goes back to « En cours ».
        data: {
          ...proposalData(
            translation,
            unit,
            target,
            translation.language,
            Boolean(french.documents?.[Number(unit.split('.')[1])]?.name?.trim()),
          ),
          status: translation.status === 'validated' ? 'inProgress' : translation.status,
        },
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      });
    } catch (error) {
      if (error instanceof MissingItemsError)
        return answer(400, 'Traduisez d’abord les éléments précédents de cette section, puis insérez cette suggestion.');
      if (error instanceof ValidationError) return answer(400, error.data.errors.map((issue) => issue.message).join(' '));
      if (error instanceof Error && /forbidden|not allowed/i.test(error.message))
        return answer(403, 'Vous ne pouvez pas écrire dans cette langue.');
      throw error;
    }
    return answer(200, 'Suggestion insérée comme proposition. Relisez-la : seul un traducteur expert la valide.');
  },
};
