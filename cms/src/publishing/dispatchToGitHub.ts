import type { Build } from '../payload-types';
import { publishCmsUrl } from './publishSettings';

export const dispatchEventType = 'passerelle-publish';

/**
 * The `repository_dispatch` request that starts .github/workflows/publish.yml. GitHub accepts at
 * most 10 top-level properties in `client_payload`.
 */
export function dispatchRequest(
  build: Pick<Build, 'id' | 'trigger' | 'requestedByName' | 'requestCount'>,
  env: NodeJS.ProcessEnv = process.env,
) {
  const repository = env.GITHUB_REPOSITORY;
  const token = env.GITHUB_TOKEN;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !token) {
    throw new Error(
      'En mode github, GITHUB_REPOSITORY (propriétaire/dépôt) et GITHUB_TOKEN doivent être définis sur le serveur du CMS.',
    );
  }
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  return {
    url: `${api}/repos/${repository}/dispatches`,
    init: {
      method: 'POST',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'passerelle-cms',
        'x-github-api-version': '2022-11-28',
      },
      body: JSON.stringify({
        event_type: dispatchEventType,
        client_payload: {
          build_id: build.id,
          trigger: build.trigger ?? '',
          requested_by: build.requestedByName ?? '',
          request_count: build.requestCount ?? 1,
          cms_url: publishCmsUrl(env),
          site_url: env.SITE_URL ?? '',
        },
      }),
    } satisfies RequestInit,
  };
}

/** Sends the dispatch; GitHub answers 204 when the workflow run is created. */
export async function dispatchToGitHub(
  build: Parameters<typeof dispatchRequest>[0],
  env: NodeJS.ProcessEnv = process.env,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const { url, init } = dispatchRequest(build, env);
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new Error(`GitHub est injoignable (${(error as Error).message}).`);
  }
  if (response.status !== 204) {
    const body = (await response.text().catch(() => '')).slice(0, 300);
    throw new Error(`GitHub a refusé la demande de publication (HTTP ${response.status}${body ? ` : ${body}` : ''}).`);
  }
}
