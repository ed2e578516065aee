/**
 * Reads a file holding one JSON array one element at a time, so that importing a snapshot's
 * `fiches.json` keeps only a few fiches in memory whatever the size of the file (parsed whole,
 * 3,000 fiches were ≈ 200 MB of text and several hundred MB of objects held for the whole run).
 *
 * The scanner follows strings (and their escapes) and nesting only to find where each top-level
 * element ends; each element is then read by `JSON.parse`. Anything but an array at the top level,
 * or an element that is not valid JSON, is a `JsonArrayError` naming the element.
 */
import { createReadStream } from 'node:fs';

export class JsonArrayError extends Error {
  override name = 'JsonArrayError';
}

async function* elements(chunks: AsyncIterable<string>): AsyncGenerator<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let opened = false;
  let closed = false;
  let text = '';
  let hasValue = false;
  let index = 0;
  const element = (): unknown => {
    index += 1;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new JsonArrayError(`élément n° ${index} illisible (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (depth === 0) {
        if (c === '[' && !opened) {
          opened = true;
          depth = 1;
          from = i + 1;
          continue;
        }
        throw new JsonArrayError(
          closed ? 'du texte suit la fin de la liste' : 'le fichier doit contenir une liste (un tableau JSON)',
        );
      }
      if (depth === 1 && (c === ',' || c === ']')) {
        text += chunk.slice(from, i);
        if (hasValue) yield element();
        else if (c === ',' || index > 0) throw new JsonArrayError(`élément vide après l’élément n° ${index}`);
        text = '';
        hasValue = false;
        from = i + 1;
        if (c === ']') {
          depth = 0;
          closed = true;
        }
        continue;
      }
      hasValue = true;
      if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth += 1;
      else if (c === ']' || c === '}') depth -= 1;
    }
    if (depth >= 1) text += chunk.slice(from);
  }
  if (!closed) throw new JsonArrayError('fin de fichier avant la fin de la liste');
}

const read = (file: string) => createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });

/** Each element of the array in `file`, parsed, one at a time. */
export function jsonArrayElements(file: string): AsyncGenerator<unknown> {
  return elements(read(file));
}

/** For tests: the same reading from text given in pieces. */
export function jsonArrayElementsOf(chunks: Iterable<string> | AsyncIterable<string>): AsyncGenerator<unknown> {
  return elements(
    (async function* () {
      yield* chunks;
    })(),
  );
}

/**
 * How many elements the array holds, every one of them parsed and dropped: a file that cannot be
 * read is refused before anything is written, as when it was parsed whole.
 */
export async function countJsonArrayElements(file: string): Promise<number> {
  let count = 0;
  const reading = elements(read(file));
  while (!(await reading.next()).done) count += 1;
  return count;
}
