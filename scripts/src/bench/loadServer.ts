/**
 * The CMS's REST API on node:http for `npm run bench -- --load` when no `--cms-url` is given:
 * Payload's own REST handlers (the ones `next start` mounts under /api), the job runner on
 * (jobs.autoRun: real publications through the real pipeline), a throw-away database seeded with
 * the sample content. It spares the load run an admin build (4–8 minutes here); the admin's pages
 * are not measured, only the API they call. Listens on 127.0.0.1; prints `LOAD_SERVER_READY`.
 */
import { createServer, type IncomingMessage } from 'node:http';

import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes';
import { getPayload } from 'payload';

const port = Number(process.argv[2]);
const { default: config } = await import('@passerelle/cms/payload.config');
const { seed } = await import('@passerelle/cms/seed');
const { developmentPassword } = await import('@passerelle/cms/seed/users');

const payload = await getPayload({ config, cron: true });
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

const server = createServer((request, response) => {
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
server.listen(port, '127.0.0.1', () => process.stdout.write(`LOAD_SERVER_READY ${port}\n`));
process.on('SIGTERM', () => {
  server.close();
  void payload.destroy().finally(() => process.exit(0));
});
