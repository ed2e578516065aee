/**
 * The CMS's REST API on node:http for `npm run bench -- --load` when no `--cms-url` is given:
 * Payload's own REST handlers (the ones `next start` mounts under /api) on a throw-away database
 * (seeded with the sample content when empty). It spares the load run an admin build (4–8
 * minutes here); the admin's pages are not measured, only the API they call. The bench starts
 * two, as docs/deploy.md deploys them: `CMS_ROLE=web` (the editors' requests, no jobs) and
 * `CMS_ROLE=worker` (the job runner: real publications through the real pipeline, whose export
 * reads this worker's own API). Listens on 127.0.0.1; prints `LOAD_SERVER_READY`.
 *
 * Every 5 s it prints `LOAD_SERVER_STATS <json>`: the time each kind of request took inside this
 * process (from the request's arrival to the answer's end), the event loop's delay and the CPU
 * used, since the start or the last SIGUSR2 (the bench sends one when the load starts).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes';
import { getPayload } from 'payload';

const port = Number(process.argv[2]);
const { default: config } = await import('@passerelle/cms/payload.config');
const { seed } = await import('@passerelle/cms/seed');
const { developmentPassword } = await import('@passerelle/cms/seed/users');

const payload = await getPayload({ config, cron: true });
// Only the first of the bench's two servers (the web one, started alone) finds an empty database.
if ((await payload.count({ collection: 'fiches' })).totalDocs === 0) {
  await seed(payload, { password: developmentPassword, log: (line) => process.stdout.write(`seed: ${line}\n`) });
}
const handlers = {
  GET: REST_GET(config),
  POST: REST_POST(config),
  PATCH: REST_PATCH(config),
  DELETE: REST_DELETE(config),
} as const;

async function body(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `GET fiches`, `GET fiches/:id`, `PATCH fiches/:id`…: ids folded so kinds can be compared. */
function kindOf(method: string, pathname: string): string {
  const parts = pathname.replace(/^\/api\//, '').split('/');
  return [method, parts[0], ...parts.slice(1).map((part) => (/^[0-9a-f-]{8,}$|^\d+$/.test(part) ? ':id' : part))].join(' ');
}

const eventLoop = monitorEventLoopDelay({ resolution: 20 });
eventLoop.enable();
let since = { at: Date.now(), cpu: process.cpuUsage() };
let durations = new Map<string, number[]>();
process.on('SIGUSR2', () => {
  since = { at: Date.now(), cpu: process.cpuUsage() };
  durations = new Map();
  eventLoop.reset();
});
const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e6);
function stats() {
  const kinds = Object.fromEntries(
    [...durations].map(([kind, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (share: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);
      const total = values.reduce((sum, value) => sum + value, 0);
      return [kind, { count: values.length, p50: at(0.5), p95: at(0.95), max: at(1), meanMs: Math.round(total / values.length) }];
    }),
  );
  const cpu = process.cpuUsage(since.cpu);
  const seconds = (Date.now() - since.at) / 1000;
  return {
    seconds: Math.round(seconds),
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    eventLoopDelayMs: { p50: ms(eventLoop.percentile(50)), p99: ms(eventLoop.percentile(99)), max: ms(eventLoop.max) },
    rssMb: Math.round(process.memoryUsage.rss() / 1e6),
    kinds,
  };
}
setInterval(() => process.stdout.write(`LOAD_SERVER_STATS ${JSON.stringify(stats())}\n`), 5_000).unref();

const server = createServer((request, response) => {
  const arrived = performance.now();
  response.once('finish', () => {
    const kind = kindOf(request.method ?? 'GET', new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const list = durations.get(kind) ?? [];
    list.push(performance.now() - arrived);
    durations.set(kind, list);
  });
  void (async () => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const handler = handlers[request.method as keyof typeof handlers];
    if (!handler || !url.pathname.startsWith('/api/')) {
      response.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    const data = await body(request);
    const answer = await handler(
      new Request(url, { method: request.method, headers, body: data?.length ? new Uint8Array(data) : undefined }),
      {
        params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }),
      },
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  })().catch((error: Error) => {
    process.stderr.write(`load server: ${error.stack ?? error.message}\n`);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});
// Node closes a keep-alive connection idle for 5 s by default; with the event loop held for
// longer than that (a starved CPU), the timer can fire before a waiting request is read and the
// client sees a reset. A load balancer keeps its connections open for 60 s: the server longer.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`LOAD_SERVER_READY ${port}\n`));
process.on('SIGTERM', () => {
  server.close();
  void payload.destroy().finally(() => process.exit(0));
});
