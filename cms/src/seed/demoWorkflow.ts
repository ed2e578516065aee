import type { Payload, RequestContext } from 'payload';

import { markupToLexical } from './markupToLexical';

/**
 * A little work in progress, so the development logins find the translation workflow alive:
 * a Persian proposal waiting for the expert, and a French update that made a section of the
 * housing-aid fiche outdated in every language it was translated into.
 */
export async function seedWorkflowDemo(payload: Payload, ficheIds: Map<string, string>, context: RequestContext): Promise<void> {
  const cafes = ficheIds.get('cafes-de-la-langue');
  if (cafes) {
    const { docs } = await payload.find({
      collection: 'translations',
      where: { and: [{ fiche: { equals: cafes } }, { language: { equals: 'fa' } }] },
      limit: 1,
      depth: 0,
    });
    if (docs[0]) {
      await payload.update({
        collection: 'translations',
        id: docs[0].id,
        data: {
          title: 'تمرین زبان فرانسوی در کافه‌های زبان',
          brandName: 'کافه‌های زبان',
          summary:
            'دیدارهای رایگان و دوستانه برای صحبت به زبان فرانسوی با داوطلبان، همراه با یک فنجان قهوه، در پاریس و سن-سن-دنی. بدون ثبت‌نام، برای همهٔ کسانی که مقدمات زبان را می‌دانند.',
          status: 'toReview',
        },
        context,
      });
    }
  }

  const housingAid = ficheIds.get('aide-personnalisee-au-logement');
  if (housingAid) {
    const fiche = await payload.findByID({ collection: 'fiches', id: housingAid, locale: 'fr', depth: 0 });
    const [first, ...rest] = fiche.how ?? [];
    if (first) {
      const body = markupToLexical(
        "Sur [caf.fr](https://www.caf.fr/), faites une **simulation** gratuite. Vous voyez si vous avez droit à l'aide et son montant approximatif. Il vous faut le montant de votre loyer et de vos revenus. Gardez une copie de la simulation : elle vous aidera à remplir la demande.",
        'ltr',
        (key) => key,
      );
      await payload.update({
        collection: 'fiches',
        id: housingAid,
        locale: 'fr',
        data: { how: [{ title: first.title, body: body as never }, ...rest], _status: 'published' },
        context,
      });
    }
  }
}
