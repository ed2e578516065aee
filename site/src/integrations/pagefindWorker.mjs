/**
 * One Pagefind service in a worker thread, for src/integrations/searchIndex.ts. Pagefind's Node
 * API runs a single service process per loaded module, which indexes the pages it is sent one
 * after the other; each worker thread loads the module again and so gets a service of its own,
 * and the search pass hands each one some of the languages, whose indexes Pagefind builds apart
 * anyway. The thread also takes the encoding of every page for the service's pipe off the main
 * thread. Plain JavaScript: Node runs it as is, under Astro, tsx and vitest alike.
 *
 * Messages in: { id, type: 'add', url, content } | { id, type: 'files' } | { id, type: 'close' }.
 * Messages out: { id, errors, meta?, files? }, in the order of the requests (the service
 * answers in order).
 */
import { parentPort } from 'node:worker_threads';

import { close, createIndex } from 'pagefind';

if (!parentPort) throw new Error('pagefindWorker.mjs runs as a worker thread');
const port = parentPort;

// The chunk size is in this thread's environment (given by the main thread), which the service inherits.
const created = createIndex({});

port.on('message', async (message) => {
  try {
    const { index, errors } = await created;
    if (!index) return port.postMessage({ id: message.id, errors: errors.length > 0 ? errors : ['Pagefind created no index'] });
    if (message.type === 'add') {
      const added = await index.addHTMLFile({ url: message.url, content: message.content });
      port.postMessage({ id: message.id, errors: added.errors, meta: added.file?.meta ?? {} });
    } else if (message.type === 'files') {
      const bundle = await index.getFiles();
      port.postMessage({ id: message.id, errors: bundle.errors, files: bundle.files });
    } else if (message.type === 'close') {
      await close();
      port.postMessage({ id: message.id, errors: [] });
      port.close();
    }
  } catch (error) {
    port.postMessage({ id: message.id, errors: [error instanceof Error ? error.message : String(error)] });
  }
});
