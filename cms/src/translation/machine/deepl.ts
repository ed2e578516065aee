import { createHash } from 'node:crypto';

import * as deepl from 'deepl-node';

import type { Locale } from '@passerelle/content-schemas';

import { cachedFor, MachineTranslationError, type GlossaryContext, type MachineProvider } from './provider';

/** DeepL's target codes for ours: English as spoken in Europe; the others as DeepL names them. */
const preferredTarget: Partial<Record<Locale, string>> = { en: 'en-gb' };

/**
 * DeepL through its official client. One glossary per language pair, made from the experts'
 * glossary before a request whenever it changed (a DeepL glossary cannot be edited: the new one
 * replaces the old, which is deleted).
 */
export class DeepLProvider implements MachineProvider {
  readonly id = 'deepl';
  readonly label = 'DeepL';
  private readonly translator: deepl.Translator;
  private readonly serverUrl: string;
  private readonly targets: () => Promise<string[]>;
  private readonly glossaryPairs: () => Promise<string[]>;

  constructor(options: { authKey: string; serverUrl?: string | undefined; timeoutMs: number; maxRetries: number }) {
    this.serverUrl =
      options.serverUrl ?? (options.authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');
    this.translator = new deepl.Translator(options.authKey, {
      serverUrl: this.serverUrl,
      minTimeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      // Only the library's name goes to DeepL, not the server's system.
      sendPlatformInfo: false,
      appInfo: { appName: 'passerelle', appVersion: '1' },
    });
    this.targets = cachedFor(3_600_000, async () =>
      (await this.call(() => this.translator.getTargetLanguages())).map((language) => language.code.toLowerCase()),
    );
    this.glossaryPairs = cachedFor(3_600_000, async () =>
      (await this.call(() => this.translator.getGlossaryLanguagePairs())).map(
        (pair) => `${pair.sourceLang.toLowerCase()}>${pair.targetLang.toLowerCase()}`,
      ),
    );
  }

  private async targetOf(language: Locale): Promise<string | undefined> {
    const targets = await this.targets();
    const preferred = preferredTarget[language];
    if (preferred && targets.includes(preferred)) return preferred;
    return targets.find((code) => code === language) ?? targets.find((code) => code.startsWith(`${language}-`));
  }

  async supports(language: Locale): Promise<boolean> {
    return Boolean(await this.targetOf(language));
  }

  async translate({ html, language, glossary }: Parameters<MachineProvider['translate']>[0]) {
    const target = await this.targetOf(language);
    if (!target) throw new MachineTranslationError(`DeepL ne traduit pas vers cette langue (${language}).`, 400);
    const glossaryId = glossary ? await this.glossaryFor(language, glossary) : undefined;
    const request = (id: string | undefined) =>
      this.call(() =>
        this.translator.translateText(html, 'fr', target as deepl.TargetLanguageCode, {
          tagHandling: 'html',
          ...(id ? { glossary: id } : {}),
        }),
      );
    let results: deepl.TextResult[];
    try {
      results = await request(glossaryId);
    } catch (error) {
      // Someone deleted our glossary on DeepL's side: made again once, from the experts' list.
      if (!(error instanceof GlossaryMissing) || !glossary) throw error;
      await glossary.saveRemote({ id: null, hash: null });
      results = await request(await this.glossaryFor(language, { ...glossary, remote: { id: null, hash: null } }));
    }
    const billed = results.every((result) => typeof result.billedCharacters === 'number')
      ? results.reduce((sum, result) => sum + (result.billedCharacters ?? 0), 0)
      : undefined;
    return { html: results.map((result) => result.text), billedCharacters: billed };
  }

  /** The DeepL glossary matching the experts' entries now, made when missing or out of date. */
  private async glossaryFor(language: Locale, glossary: GlossaryContext): Promise<string | undefined> {
    if (glossary.entries.length === 0) return undefined;
    if (!(await this.glossaryPairs()).includes(`fr>${language}`)) return undefined;
    const entries = Object.fromEntries(glossary.entries.map((entry) => [entry.source, entry.target]));
    const hash = createHash('sha256')
      .update(JSON.stringify([this.serverUrl, language, entries]))
      .digest('hex')
      .slice(0, 32);
    if (glossary.remote.id && glossary.remote.hash === hash) return glossary.remote.id;
    const created = await this.call(() =>
      this.translator.createGlossary(
        `Passerelle fr→${language}`,
        'fr',
        language as deepl.TargetLanguageCode,
        new deepl.GlossaryEntries({ entries }),
      ),
    );
    await glossary.saveRemote({ id: created.glossaryId, hash });
    const previous = glossary.remote.id;
    // The old copy is useless now; failing to delete it costs nothing but a line in DeepL's list.
    if (previous && previous !== created.glossaryId) await this.translator.deleteGlossary(previous).catch(() => undefined);
    return created.glossaryId;
  }

  /** DeepL's errors, in French for the translator. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof deepl.QuotaExceededError) {
        throw new MachineTranslationError(
          'DeepL refuse la demande : le quota de caractères du compte DeepL est épuisé pour cette période. Rien n’a été modifié ; un administrateur doit relever l’abonnement DeepL.',
          503,
        );
      }
      if (error instanceof deepl.AuthorizationError) {
        throw new MachineTranslationError(
          'DeepL refuse la clé d’accès (DEEPL_API_KEY) : un administrateur doit la vérifier. Rien n’a été modifié.',
          503,
        );
      }
      if (error instanceof deepl.GlossaryNotFoundError) throw new GlossaryMissing();
      if (error instanceof deepl.TooManyRequestsError) {
        throw new MachineTranslationError(
          'DeepL reçoit trop de demandes en ce moment. Rien n’a été modifié : réessayez dans une minute.',
          503,
        );
      }
      if (error instanceof deepl.ConnectionError) {
        throw new MachineTranslationError('DeepL n’a pas répondu à temps. Rien n’a été modifié : réessayez plus tard.', 504);
      }
      if (error instanceof deepl.DeepLError) {
        const status = /status code: (\d{3})|Service unavailable/.exec(error.message);
        throw new MachineTranslationError(
          status
            ? `DeepL est en panne (erreur ${status[1] ?? '503'}). Rien n’a été modifié : réessayez dans quelques minutes.`
            : `DeepL a refusé la demande (${error.message}). Rien n’a été modifié.`,
          status ? 502 : 400,
        );
      }
      throw error;
    }
  }
}

class GlossaryMissing extends Error {}
