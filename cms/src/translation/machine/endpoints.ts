import type { Endpoint, PayloadRequest } from 'payload';

import { isLocale, isUnitKey, type UnitKey } from '@passerelle/content-schemas';

import { isExpertOfLanguage } from '../../access/isExpertOfLanguage';
import type { Translation } from '../../payload-types';
import { recordsOf, type UnitRecords } from '../records';
import { unitLabel } from '../unitLabel';
import { machineDraft } from './draft';
import { isUnconfirmedMachineDraft } from './marking';
import { MachineTranslationError } from './provider';

const answer = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  Response.json({ message, ...extra }, { status });

async function bodyOf(req: PayloadRequest): Promise<{ unit?: unknown } | undefined> {
  try {
    return ((await req.json?.()) ?? {}) as { unit?: unknown };
  } catch {
    return undefined;
  }
}

/**
 * POST /api/translations/:id/machine-draft `{ unit? }`: a machine draft of one unit, or of every
 * unit not translated yet, saved as the caller's proposal (machine/draft.ts). Answers in French.
 */
export const machineDraftEndpoint: Endpoint = {
  path: '/:id/machine-draft',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const body = await bodyOf(req);
    if (!body) return answer(400, 'Requête illisible : elle doit être du JSON, avec éventuellement l’élément à traduire.');
    const unit = body.unit === undefined || body.unit === null || body.unit === '' ? undefined : String(body.unit);
    if (unit !== undefined && !isUnitKey(unit)) return answer(400, 'Élément inconnu.');
    try {
      const result = await machineDraft(req, String(req.routeParams?.id ?? ''), unit as UnitKey | undefined);
      return answer(200, result.message, { units: result.units, characters: result.characters, provider: result.provider });
    } catch (error) {
      if (error instanceof MachineTranslationError) return answer(error.status, error.message);
      req.payload.logger.error({ err: error }, 'machine draft failed');
      return answer(500, 'Le brouillon automatique a échoué sur le serveur. Rien n’a été modifié.');
    }
  },
};

/**
 * POST /api/translations/:id/machine-confirm `{ unit }`: an expert of the language (or an admin)
 * states that they read this machine draft, which nobody edited, and accept it as it is; only
 * then does a validation take it (hooks/applyWorkflow.ts). Recorded in the unit's record.
 */
export const machineConfirmEndpoint: Endpoint = {
  path: '/:id/machine-confirm',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const { user } = req;
    if (!user) return answer(401, 'Connectez-vous pour confirmer un brouillon automatique.');
    const body = await bodyOf(req);
    const unit = typeof body?.unit === 'string' ? body.unit : '';
    if (!isUnitKey(unit)) return answer(400, 'Requête incomplète : elle doit nommer l’élément à confirmer.');
    let translation: Translation;
    try {
      translation = await req.payload.findByID({
        collection: 'translations',
        id: String(req.routeParams?.id ?? ''),
        depth: 0,
        overrideAccess: false,
        user,
        req,
      });
    } catch {
      return answer(404, 'Cette traduction n’existe pas ou ne vous est pas accessible.');
    }
    if (!isLocale(translation.language) || !isExpertOfLanguage(user, translation.language)) {
      return answer(403, 'Seul un traducteur expert de cette langue peut confirmer un brouillon automatique.');
    }
    const records: UnitRecords = structuredClone(recordsOf(translation.units));
    const record = records[unit];
    if (!record || !isUnconfirmedMachineDraft(record))
      return answer(
        409,
        `« ${unitLabel(unit)} » n’est pas un brouillon automatique à confirmer (il a été modifié ou déjà confirmé) : rechargez la page.`,
      );
    records[unit] = { ...record, machineConfirmedBy: String(user.id), machineConfirmedAt: new Date().toISOString() };
    await req.payload.update({
      collection: 'translations',
      id: translation.id,
      data: { units: records },
      depth: 0,
      overrideAccess: false,
      user,
      req,
      // Only the records change: no text, so no proposal and no validation.
      context: { translationBookkeeping: true },
    });
    return answer(200, `Brouillon automatique de « ${unitLabel(unit)} » confirmé : il sera validé avec la traduction.`);
  },
};
