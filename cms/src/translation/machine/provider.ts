import type { Locale } from '@passerelle/content-schemas';

/** One glossary entry: how a French term is always translated. */
export type GlossaryEntry = { source: string; target: string };

/**
 * A machine translator. Texts go and come back as HTML (plain texts escaped), in one request,
 * so rich text keeps its links, bold, lists and line breaks through the provider's tag handling.
 */
export interface MachineProvider {
  readonly id: 'deepl' | 'libretranslate';
  /** Named in the admin, the badges and the messages: « DeepL », « LibreTranslate ». */
  readonly label: string;
  /** Whether the provider translates French into this language (asked of the provider, then cached). */
  supports(language: Locale): Promise<boolean>;
  /** Translates French HTML into the language; the answers in the order of `html`. */
  translate(request: {
    html: string[];
    language: Locale;
    glossary: GlossaryContext | undefined;
  }): Promise<{ html: string[]; billedCharacters: number | undefined }>;
}

/**
 * The glossary of the language as the experts keep it, and where the provider keeps its copy
 * (DeepL glossaries are immutable: a changed glossary is a new one, stored back here).
 */
export type GlossaryContext = {
  entries: GlossaryEntry[];
  remote: { id: string | null | undefined; hash: string | null | undefined };
  saveRemote: (remote: { id: string | null; hash: string | null }) => Promise<void>;
};

/**
 * A refusal or failure of the provider, told in French to the translator. Nothing was saved and
 * nothing was charged to the budget when this is thrown.
 */
export class MachineTranslationError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'MachineTranslationError';
  }
}

/** Cached answers of the provider about its languages: they change once in months. */
export function cachedFor<T>(milliseconds: number, read: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > milliseconds) {
      const value = read();
      cached = { at: Date.now(), value };
      // A failed read is asked again next time, not remembered.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}
