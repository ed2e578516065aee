/**
 * Measures publish → live on a running product (`npm start`): publishes a new French title of
 * a fiche through the REST API, as the admin does, and times until the served page shows it.
 *
 *   npx tsx scripts/src/measurePublish.ts
 *
 *   CMS_URL (http://localhost:3000), SITE_URL (http://localhost:4321), MEASURE_SLUG (carte-vitale),
 *   MEASURE_RUNS (5), MEASURE_EMAIL / MEASURE_PASSWORD (editor@passerelle.test / the development password)
 *
 * It changes the fiche's title and puts the original back at the end (one more publication).
 * `npm run bench` uses the same function on its own corpus.
 */
import { pathToFileURL } from 'node:url';

import { developmentPassword } from '@passerelle/cms/seed/users';

import { median } from './bench/stats';

type Fiche = { id: string; slug: string; type: 'demarche' | 'dispositif'; title: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { median };

/** Logs in through REST and returns the headers of an authenticated JSON request. */
export async function loginHeaders(cmsUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const login = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: HTTP ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  return { 'content-type': 'application/json', authorization: `JWT ${token}` };
}

/** Resolves once no site build is queued or running. */
export async function waitForIdleBuilds(cmsUrl: string, headers: Record<string, string>): Promise<void> {
  for (;;) {
    const response = await fetch(`${cmsUrl}/api/builds?limit=5&sort=-createdAt&depth=0`, { headers });
    if (!response.ok) throw new Error(`reading the builds failed: HTTP ${response.status}`);
    const { docs } = (await response.json()) as { docs: { status: string }[] };
    if (!docs.some((build) => build.status === 'queued' || build.status === 'running')) return;
    await sleep(500);
  }
}

export type PublishTimings = { seconds: number[]; slug: string };

export async function measurePublishToLive(options: {
  cmsUrl: string;
  siteUrl: string;
  runs: number;
  slug: string;
  email: string;
  password: string;
  onRun?: (run: number, seconds: number) => void;
  timeoutMs?: number;
}): Promise<PublishTimings> {
  const { cmsUrl, siteUrl, runs, slug, timeoutMs = 10 * 60_000 } = options;
  const headers = await loginHeaders(cmsUrl, options.email, options.password);
  const found = (await (
    await fetch(`${cmsUrl}/api/fiches?where[slug][equals]=${encodeURIComponent(slug)}&locale=fr&depth=0`, { headers })
  ).json()) as { docs: Fiche[] };
  const fiche = found.docs[0];
  if (!fiche) throw new Error(`no fiche with slug ${slug}`);
  const pageUrl = `${siteUrl}/fr/${fiche.type === 'demarche' ? 'demarches' : 'dispositifs'}/${fiche.slug}/`;
  const publish = (title: string) =>
    fetch(`${cmsUrl}/api/fiches/${fiche.id}?locale=fr&depth=0`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ title, _status: 'published' }),
    });

  const seconds: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    await waitForIdleBuilds(cmsUrl, headers);
    const title = `${fiche.title} (mesure ${run}-${Date.now().toString(36)})`;
    const started = Date.now();
    const response = await publish(title);
    if (!response.ok) throw new Error(`publish failed: HTTP ${response.status}`);
    for (;;) {
      const html = await (await fetch(pageUrl)).text();
      if (html.includes(title)) break;
      if (Date.now() - started > timeoutMs) throw new Error(`${title} not live after ${Math.round(timeoutMs / 60_000)} minutes`);
      await sleep(100);
    }
    seconds.push((Date.now() - started) / 1000);
    options.onRun?.(run, seconds.at(-1) as number);
  }
  await waitForIdleBuilds(cmsUrl, headers);
  const restored = await publish(fiche.title);
  if (!restored.ok) throw new Error(`putting the title back failed: HTTP ${restored.status}`);
  return { seconds, slug };
}

async function main(): Promise<void> {
  const runs = Number(process.env.MEASURE_RUNS ?? 5);
  const { seconds } = await measurePublishToLive({
    cmsUrl: process.env.CMS_URL || 'http://localhost:3000',
    siteUrl: process.env.SITE_URL || 'http://localhost:4321',
    runs,
    slug: process.env.MEASURE_SLUG ?? 'carte-vitale',
    email: process.env.MEASURE_EMAIL ?? 'editor@passerelle.test',
    password: process.env.MEASURE_PASSWORD ?? developmentPassword,
    onRun: (run, value) => console.log(`run ${run}: ${value.toFixed(1)} s`),
  });
  console.log(
    `publish → live, median of ${runs}: ${median(seconds).toFixed(1)} s (${seconds.map((value) => value.toFixed(1)).join(', ')})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`measure failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
