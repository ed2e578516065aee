import { DeepLProvider } from './deepl';
import { LibreTranslateProvider } from './libreTranslate';
import type { MachineProvider } from './provider';

type Env = Record<string, string | undefined>;

/**
 * The machine translator configured by the environment, or none: without DEEPL_API_KEY or
 * LIBRETRANSLATE_URL the feature is off and no text leaves the server. DeepL wins when both are
 * set. MACHINE_TRANSLATION_TIMEOUT_MS bounds each request (20 s by default).
 */
export function machineProviderConfig(
  env: Env = process.env,
):
  | { provider: 'deepl'; authKey: string; serverUrl: string | undefined }
  | { provider: 'libretranslate'; url: string; apiKey: string | undefined }
  | null {
  const key = env.DEEPL_API_KEY?.trim();
  if (key) return { provider: 'deepl', authKey: key, serverUrl: env.DEEPL_API_URL?.trim() || undefined };
  const url = env.LIBRETRANSLATE_URL?.trim();
  if (url) return { provider: 'libretranslate', url, apiKey: env.LIBRETRANSLATE_API_KEY?.trim() || undefined };
  return null;
}

const providers = new Map<string, MachineProvider>();

/** One provider per configuration, so the languages it answered are asked once per hour, not per draft. */
export function machineProvider(env: Env = process.env): MachineProvider | null {
  const config = machineProviderConfig(env);
  if (!config) return null;
  const timeoutMs = Number(env.MACHINE_TRANSLATION_TIMEOUT_MS) > 0 ? Number(env.MACHINE_TRANSLATION_TIMEOUT_MS) : 20_000;
  const cacheKey = JSON.stringify([config, timeoutMs]);
  let provider = providers.get(cacheKey);
  if (!provider) {
    provider =
      config.provider === 'deepl'
        ? // No retry: the translator waits at most the timeout, then reads why and tries again.
          new DeepLProvider({ authKey: config.authKey, serverUrl: config.serverUrl, timeoutMs, maxRetries: 1 })
        : new LibreTranslateProvider({ url: config.url, apiKey: config.apiKey, timeoutMs });
    providers.set(cacheKey, provider);
  }
  return provider;
}
