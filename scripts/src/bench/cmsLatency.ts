/**
 * The CMS as editors feel it: p50/p95 of a publish request (a French title change published
 * through REST, as the admin's « Publier » sends it) and of the admin's list query (the fiches
 * list: 10 per page, sorted by last update, depth 0, the columns the list shows).
 */
import { loginHeaders, waitForIdleBuilds } from '../measurePublish';
import { percentile } from './stats';

export type Latency = { p50: number; p95: number; samples: number };
export type CmsLatency = { publish: Latency; list: Latency };

const summary = (milliseconds: number[]): Latency => ({
  p50: percentile(milliseconds, 50),
  p95: percentile(milliseconds, 95),
  samples: milliseconds.length,
});

async function timed(request: () => Promise<Response>, what: string): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${what} failed: HTTP ${response.status}`);
  return performance.now() - started;
}

export async function measureCmsLatency(options: {
  cmsUrl: string;
  email: string;
  password: string;
  samples: number;
  progress: (line: string) => void;
}): Promise<CmsLatency> {
  const { cmsUrl, samples } = options;
  const headers = await loginHeaders(cmsUrl, options.email, options.password);
  const listUrl = `${cmsUrl}/api/fiches?depth=0&limit=10&page=1&sort=-updatedAt&draft=true&locale=fr&select[title]=true&select[type]=true&select[_status]=true&select[updatedAt]=true`;
  // One warm-up each: the first request of a route compiles and caches things once per process.
  await timed(() => fetch(listUrl, { headers }), 'the list query');
  const list: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) list.push(await timed(() => fetch(listUrl, { headers }), 'the list query'));
  options.progress(`list query ×${samples}`);

  const { docs } = (await (
    await fetch(`${cmsUrl}/api/fiches?depth=0&limit=${samples}&locale=fr&sort=slug`, { headers })
  ).json()) as {
    docs: { id: string; title: string }[];
  };
  if (docs.length === 0) throw new Error('no fiche to publish');
  const publish: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const fiche = docs[sample % docs.length] as { id: string; title: string };
    publish.push(
      await timed(
        () =>
          fetch(`${cmsUrl}/api/fiches/${fiche.id}?locale=fr&depth=0`, {
            method: 'PATCH',
            headers,
            body: JSON.stringify({ title: `${fiche.title} (latence ${sample})`, _status: 'published' }),
          }),
        'a publish request',
      ),
    );
  }
  // Put the titles back, then let the builds these publications queued finish before anything else is timed.
  for (const fiche of docs) {
    await timed(
      () =>
        fetch(`${cmsUrl}/api/fiches/${fiche.id}?locale=fr&depth=0`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ title: fiche.title, _status: 'published' }),
        }),
      'putting a title back',
    );
  }
  options.progress(`publish request ×${samples}; waiting for the builds they queued…`);
  await waitForIdleBuilds(cmsUrl, headers);
  return { publish: summary(publish), list: summary(list) };
}
