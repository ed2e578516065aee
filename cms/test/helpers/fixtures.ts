import type { Payload, RequiredDataFromCollectionSlug } from 'payload';

import type { Fiche } from '../../src/payload-types';
import { markupToLexical } from '../../src/seed/markupToLexical';
import { createTestPayload, type TestPayload } from './payload';

const context = { skipRebuild: true };

const item = (title: string, text: string, direction: 'ltr' | 'rtl' = 'ltr') => ({
  title,
  body: markupToLexical(text, direction, (key) => key) as never,
});

/** One theme and one structure: what every publishable fiche points to. */
export async function createTaxonomy(payload: Payload): Promise<{ themeId: string; structureId: string }> {
  const theme = await payload.create({
    collection: 'themes',
    data: { slug: 'health', name: 'Se soigner', color: 'green-menthe', icon: 'fr-icon-heart-pulse-line' },
    context,
  });
  const structure = await payload.create({
    collection: 'structures',
    data: { slug: 'assurance-maladie', name: 'Assurance Maladie', kind: 'public-body', status: 'active' },
    context,
  });
  return { themeId: theme.id, structureId: structure.id };
}

/** A real Payload on a throw-away database, with one theme and one structure. */
export async function createPayloadWithTaxonomy(): Promise<{
  testPayload: TestPayload;
  payload: Payload;
  taxonomy: { themeId: string; structureId: string };
}> {
  const testPayload = await createTestPayload();
  return { testPayload, payload: testPayload.payload, taxonomy: await createTaxonomy(testPayload.payload) };
}

/** French content of a complete démarche, ready to publish. */
export function frenchDemarche(
  taxonomy: { themeId: string; structureId: string },
  title = 'Obtenir sa carte Vitale',
): RequiredDataFromCollectionSlug<'fiches'> {
  return {
    type: 'demarche',
    title,
    administrationName: 'Assurance Maladie (CPAM)',
    summary: 'La carte Vitale montre vos droits à l’Assurance Maladie chez le médecin et à la pharmacie.',
    what: [item('La carte Vitale', 'Une carte verte avec votre photo.')],
    how: [item('Faire la demande', 'Connectez-vous à votre compte ameli.')],
    next: [item('Recevoir la carte', 'La carte arrive par la poste en quelques semaines.')],
    // Documents are tested on their own (documents.test.ts); here they add no translation unit.
    noDocuments: true,
    infocards: { location: { scope: 'france' } },
    primaryTheme: taxonomy.themeId,
    mainStructure: taxonomy.structureId,
  };
}

export function arabicDemarche(): Partial<Fiche> {
  return {
    title: 'الحصول على بطاقة فيتال',
    administrationName: 'التأمين الصحي (CPAM)',
    summary: 'تثبت بطاقة فيتال حقوقك في التأمين الصحي عند الطبيب وفي الصيدلية.',
    what: [item('بطاقة فيتال', 'بطاقة خضراء عليها صورتك.', 'rtl')],
    how: [item('تقديم الطلب', 'ادخل إلى حسابك على ameli.', 'rtl')],
    next: [item('استلام البطاقة', 'تصل البطاقة بالبريد خلال بضعة أسابيع.', 'rtl')],
  };
}
