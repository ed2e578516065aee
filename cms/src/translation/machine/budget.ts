import type { Payload, PayloadRequest } from 'payload';

import type { Locale } from '@passerelle/content-schemas';

import { defaultMonthlyBudget } from './MachineTranslationSettings';

const languageNames: Record<string, string> = {
  en: 'l’anglais',
  ar: 'l’arabe',
  ps: 'le pachto',
  fa: 'le persan',
  ti: 'le tigrigna',
  ru: 'le russe',
  uk: 'l’ukrainien',
};
export const languageInFrench = (language: string) => languageNames[language] ?? language;

/** The budget month, in UTC: `2026-12`. */
export const monthOf = (date: Date) => date.toISOString().slice(0, 7);

const monthNames = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
export const monthInFrench = (month: string) => `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

export const formatCount = (count: number) => count.toLocaleString('fr-FR');

export type Budget = { month: string; budget: number; used: number };

/** This month's budget and use for one language (the settings' figure, or the default). */
export async function budgetOf(payload: Payload, language: Locale, now = new Date(), req?: PayloadRequest): Promise<Budget> {
  const month = monthOf(now);
  const settings = await payload.findGlobal({
    slug: 'machine-translation-settings',
    depth: 0,
    overrideAccess: true,
    ...(req ? { req } : {}),
  });
  const configured = (settings.monthlyBudgets as Record<string, number | null | undefined> | undefined)?.[language];
  const budget = typeof configured === 'number' ? configured : defaultMonthlyBudget;
  const used = (await usageRow(payload, month, language, req))?.characters ?? 0;
  return { month, budget, used };
}

async function usageRow(payload: Payload, month: string, language: string, req?: PayloadRequest) {
  const { docs } = await payload.find({
    collection: 'machine-translation-usage',
    where: { and: [{ month: { equals: month } }, { language: { equals: language } }] },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    ...(req ? { req } : {}),
  });
  return docs[0];
}

/** Why a request of `characters` does not fit this month's budget, in French; undefined when it fits. */
export function refusalOf(language: Locale, budget: Budget, characters: number): string | undefined {
  if (budget.budget === 0)
    return `La traduction automatique vers ${languageInFrench(language)} est désactivée (budget mensuel à 0). Un administrateur peut fixer un budget dans « Traduction automatique ».`;
  if (budget.used + characters <= budget.budget) return undefined;
  const left = Math.max(0, budget.budget - budget.used);
  return `Budget de traduction automatique dépassé pour ${languageInFrench(language)} en ${monthInFrench(budget.month)} : ${formatCount(budget.used)} caractères utilisés sur ${formatCount(budget.budget)}, il en reste ${formatCount(left)} et cette demande en compte ${formatCount(characters)}. Demandez un élément à la fois, ou un administrateur peut relever le budget dans « Traduction automatique ».`;
}

/** Adds what was sent to this month's use (after the provider answered: a failure costs nothing). */
export async function recordUsage(payload: Payload, language: Locale, characters: number, now = new Date()): Promise<void> {
  const month = monthOf(now);
  const row = await usageRow(payload, month, language);
  if (row) {
    await payload.update({
      collection: 'machine-translation-usage',
      id: row.id,
      data: { characters: (row.characters ?? 0) + characters },
      depth: 0,
      overrideAccess: true,
    });
    return;
  }
  try {
    await payload.create({
      collection: 'machine-translation-usage',
      data: { month, language, characters },
      depth: 0,
      overrideAccess: true,
    });
  } catch {
    // Another draft created this month's row at the same moment (unique index): add to it.
    const created = await usageRow(payload, month, language);
    if (!created) throw new Error(`machine-translation-usage: no row for ${month} ${language}`);
    await payload.update({
      collection: 'machine-translation-usage',
      id: created.id,
      data: { characters: (created.characters ?? 0) + characters },
      depth: 0,
      overrideAccess: true,
    });
  }
}
