/**
 * Measures publish → live on a running product (`npm start`): publishes a new French title of
 * a fiche through the REST API, as the admin does, and times until the served page shows it.
 *
 *   npx tsx scripts/src/measurePublish.ts
 *
 *   CMS_URL (http://localhost:3000), SITE_URL (http://localhost:4321), MEASURE_SLUG (carte-vitale),
 *   MEASURE_RUNS (5), MEASURE_EMAIL / MEASURE_PASSWORD (editor@passerelle.test / passerelle)
 *
 * It changes the fiche's title and puts the original back at the end (one more publication).
 */
import { pathToFileURL } from 'node:url';

type Fiche = { id: string; slug: string; type: 'demarche' | 'dispositif'; title: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function main(): Promise<void> {
  const cmsUrl = process.env.CMS_URL || 'http://localhost:3000';
  const siteUrl = process.env.SITE_URL || 'http://localhost:4321';
  const runs = Number(process.env.MEASURE_RUNS ?? 5);
  const login = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: process.env.MEASURE_EMAIL ?? 'editor@passerelle.test',
      password: process.env.MEASURE_PASSWORD ?? 'passerelle',
    }),
  });
  if (!login.ok) throw new Error(`login failed: HTTP ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  const headers = { 'content-type': 'application/json', authorization: `JWT ${token}` };
  const slug = process.env.MEASURE_SLUG ?? 'carte-vitale';
  const found = (await (
    await fetch(`${cmsUrl}/api/fiches?where[slug][equals]=${slug}&locale=fr&depth=0`, { headers })
  ).json()) as { docs: Fiche[] };
  const fiche = found.docs[0];
  if (!fiche) throw new Error(`no fiche with slug ${slug}`);
  const pageUrl = `${siteUrl}/fr/${fiche.type === 'demarche' ? 'demarches' : 'dispositifs'}/${fiche.slug}/`;

  const idle = async () => {
    for (;;) {
      const { docs } = (await (await fetch(`${cmsUrl}/api/builds?limit=5&sort=-createdAt&depth=0`, { headers })).json()) as {
        docs: { status: string }[];
      };
      if (!docs.some((build) => build.status === 'queued' || build.status === 'running')) return;
      await sleep(500);
    }
  };
  const publish = (title: string) =>
    fetch(`${cmsUrl}/api/fiches/${fiche.id}?locale=fr`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ title, _status: 'published' }),
    });

  const seconds: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    await idle();
    const title = `${fiche.title} (mesure ${run}-${Date.now().toString(36)})`;
    const started = Date.now();
    const response = await publish(title);
    if (!response.ok) throw new Error(`publish failed: HTTP ${response.status}`);
    for (;;) {
      const html = await (await fetch(pageUrl)).text();
      if (html.includes(title)) break;
      if (Date.now() - started > 10 * 60_000) throw new Error(`${title} not live after 10 minutes`);
      await sleep(100);
    }
    seconds.push((Date.now() - started) / 1000);
    console.log(`run ${run}: ${seconds.at(-1)?.toFixed(1)} s`);
  }
  await idle();
  await publish(fiche.title);
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
