import type { Endpoint, PayloadRequest } from 'payload';
import { ValidationError } from 'payload';

import { translationLocales } from '@passerelle/content-schemas';

import { canExchangeXliff } from '../../access/canExchangeXliff';
import { exportXliff, importXliff, readXliff, XliffFileError } from './xliffExchange';

const answer = (status: number, message: string) => Response.json({ message }, { status });
const isLanguage = (value: string): value is (typeof translationLocales)[number] =>
  (translationLocales as readonly string[]).includes(value);
/** A file of 1,000 fiches in 8 MB; beyond, the agency splits it. */
const maxImportBytes = 20 * 1024 * 1024;

/**
 * GET /api/translations/xliff-export?language=ar[&fiches=id,id]: the units to translate of the
 * language (nothing written yet or outdated), or every unit of the chosen fiches, as XLIFF 1.2.
 */
export const xliffExportEndpoint: Endpoint = {
  path: '/xliff-export',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!req.user) return answer(401, 'Connectez-vous pour exporter un fichier XLIFF.');
    const language = String(req.searchParams.get('language') ?? '');
    if (!isLanguage(language)) return answer(400, `Choisissez la langue cible : ${translationLocales.join(', ')}.`);
    if (!canExchangeXliff(req.user, language))
      return answer(
        403,
        'Seuls les éditeurs, les administrateurs et les traducteurs experts de cette langue échangent des fichiers XLIFF.',
      );
    const fiches = String(req.searchParams.get('fiches') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (fiches.length > 1000) return answer(400, 'Au plus 1 000 fiches par fichier.');
    const result = await exportXliff(
      req.payload,
      language,
      fiches.length > 0 ? { kind: 'fiches', ids: fiches } : { kind: 'toTranslate' },
      req,
    );
    if (result.units === 0)
      return answer(
        404,
        fiches.length > 0
          ? 'Aucune de ces fiches n’a de texte à traduire.'
          : 'Rien à traduire dans cette langue : toutes les traductions sont à jour.',
      );
    const day = new Date().toISOString().slice(0, 10);
    return new Response(result.xml, {
      status: 200,
      headers: {
        'Content-Type': 'application/x-xliff+xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="passerelle-${language}-${day}.xlf"`,
        'X-Passerelle-Fiches': String(result.fiches),
        'X-Passerelle-Units': String(result.units),
      },
    });
  },
};

/**
 * POST /api/translations/xliff-import `{ xliff: "<?xml…" }`: the agency's file, as proposals
 * (never validated), with a report per unit. A file that cannot be read changes nothing.
 */
export const xliffImportEndpoint: Endpoint = {
  path: '/xliff-import',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!req.user) return answer(401, 'Connectez-vous pour importer un fichier XLIFF.');
    let body: { xliff?: unknown };
    try {
      body = ((await req.json?.()) ?? {}) as typeof body;
    } catch {
      return answer(400, 'Requête illisible : envoyez le contenu du fichier XLIFF.');
    }
    const text = typeof body.xliff === 'string' ? body.xliff : '';
    if (!text.trim()) return answer(400, 'Fichier vide : choisissez le fichier XLIFF rendu par l’agence.');
    if (text.length > maxImportBytes) return answer(413, 'Fichier trop gros (plus de 20 Mo) : importez-le en plusieurs parties.');
    try {
      const file = readXliff(text);
      if (!canExchangeXliff(req.user, file.language)) {
        return answer(
          403,
          'Seuls les éditeurs, les administrateurs et les traducteurs experts de cette langue importent des fichiers XLIFF.',
        );
      }
      const report = await importXliff(req.payload, file, req.user);
      const { imported, unchanged, frenchChanged, invalid } = report.counts;
      const message = `${imported} élément(s) importé(s) comme propositions, ${unchanged} inchangé(s), ${frenchChanged} refusé(s) car le français a changé, ${invalid} au balisage invalide.`;
      return Response.json({ message, ...report }, { status: 200 });
    } catch (error) {
      if (error instanceof XliffFileError) return answer(400, error.message);
      if (error instanceof ValidationError)
        return answer(400, `Rien n’a été importé : ${error.data.errors.map((issue) => issue.message).join(' ')}`);
      throw error;
    }
  },
};
