import type { Payload } from 'payload';

import type { Locale } from '@passerelle/content-schemas';

import { canAskMachineDraft } from '../../access/canAskMachineDraft';
import type { UserWithRoles } from '../../access/roles';
import { budgetOf, type Budget } from './budget';
import { machineProvider } from './config';
import type { MachineProvider } from './provider';

/** What the side-by-side view needs to offer machine drafts. */
export type MachineOffer = { provider: string; translationId: string; budget: Budget; missing: number };

/**
 * Machine drafts are offered only when a provider is configured, translates into this language
 * (asked once an hour; « yes » when it cannot tell within 3 s, and then a draft says what went
 * wrong) and the user writes this language. Otherwise undefined: no button, no budget line.
 */
export async function machineOfferFor(args: {
  payload: Payload;
  user: UserWithRoles;
  language: Locale;
  translationId: string | undefined;
  missing: number;
  provider?: MachineProvider | null;
}): Promise<MachineOffer | undefined> {
  const { payload, user, language, translationId, missing } = args;
  const provider = args.provider === undefined ? machineProvider() : args.provider;
  if (!provider || !translationId || !canAskMachineDraft(user, language)) return undefined;
  if (!(await answerSoon(provider.supports(language)))) return undefined;
  return { provider: provider.label, translationId, budget: await budgetOf(payload, language), missing };
}

function answerSoon(supports: Promise<boolean>): Promise<boolean> {
  return Promise.race([supports.catch(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, 3_000, true).unref())]);
}
