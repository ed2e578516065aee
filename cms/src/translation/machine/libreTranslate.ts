import type { Locale } from '@passerelle/content-schemas';

import { cachedFor, MachineTranslationError, type MachineProvider } from './provider';

/**
 * A LibreTranslate server (self-hosted: the text stays with the organisation), through its HTTP
 * API: `POST /translate` with `format: html`, several texts in one request. It has no glossary.
 */
export class LibreTranslateProvider implements MachineProvider {
  readonly id = 'libretranslate';
  readonly label = 'LibreTranslate';
  private readonly targets: () => Promise<string[]>;

  constructor(private readonly options: { url: string; apiKey?: string | undefined; timeoutMs: number }) {
    this.targets = cachedFor(3_600_000, async () => {
      const languages = (await this.request('GET', '/languages')) as { code: string; targets?: string[] }[];
      if (!Array.isArray(languages))
        throw new MachineTranslationError('LibreTranslate a répondu de façon inattendue (liste des langues illisible).', 502);
      return languages.find((language) => language.code === 'fr')?.targets ?? [];
    });
  }

  async supports(language: Locale): Promise<boolean> {
    return (await this.targets()).includes(language);
  }

  async translate({ html, language }: Parameters<MachineProvider['translate']>[0]) {
    const body = {
      q: html,
      source: 'fr',
      target: language,
      format: 'html',
      ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}),
    };
    const answer = (await this.request('POST', '/translate', body)) as { translatedText?: unknown };
    const texts = answer.translatedText;
    if (!Array.isArray(texts) || texts.length !== html.length || !texts.every((text) => typeof text === 'string')) {
      throw new MachineTranslationError(
        'LibreTranslate a répondu de façon inattendue (traductions manquantes). Rien n’a été modifié.',
        502,
      );
    }
    return { html: texts as string[], billedCharacters: undefined };
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path.slice(1), this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`), {
        method,
        headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      throw new MachineTranslationError(
        'LibreTranslate n’a pas répondu à temps. Rien n’a été modifié : réessayez plus tard.',
        504,
      );
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined) return json;
    const reason = json && typeof json === 'object' && 'error' in json ? String((json as { error: unknown }).error) : '';
    if (response.status === 429)
      throw new MachineTranslationError(
        'LibreTranslate refuse la demande : trop de demandes ou quota atteint. Rien n’a été modifié : réessayez plus tard.',
        503,
      );
    if (response.status === 403)
      throw new MachineTranslationError(
        'LibreTranslate refuse la clé d’accès (LIBRETRANSLATE_API_KEY) : un administrateur doit la vérifier. Rien n’a été modifié.',
        503,
      );
    if (response.status >= 500 || response.ok)
      throw new MachineTranslationError(
        `LibreTranslate est en panne (erreur ${response.status}). Rien n’a été modifié : réessayez dans quelques minutes.`,
        502,
      );
    throw new MachineTranslationError(
      `LibreTranslate a refusé la demande${reason ? ` (${reason})` : ''}. Rien n’a été modifié.`,
      400,
    );
  }
}
