/**
 * The QR codes of the printed fiches: next to each fiche page, the QR code of its address
 * (`qr.svg`, src/lib/qrCode.ts) that the printed page shows (src/components/PrintAddress.astro).
 * The page says what to encode in `data-qr-code`; a page asking for a QR code that is not its own
 * address is a build error, as is an image pointing anywhere else.
 *
 * A QR code depends only on the address it encodes and on the code that draws it: a build whose
 * live deploy drew the same address with the same code (the same `qrCodeKey`, as its record says)
 * takes that file as a hard link instead of drawing it again (`writeQrCodes`' `live`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { filesIn } from '@passerelle/content-schemas/fileListing';

import { qrCodeFileName, qrCodeSvg } from '../lib/qrCode';
import { writeWhole } from './keptFiles';
import { detached } from './searchIndex';

const qrImage = /<img\b[^>]*\bdata-qr-code="([^"]+)"[^>]*>/;

/**
 * The address a page's QR code encodes (its `data-qr-code`), checked against the page's own
 * folder; undefined for a page without one. `folder` is the page's folder relative to the
 * build, with `/` separators (`fr/demarches/x`).
 */
export function qrAddressOf(folder: string, html: string): string | undefined {
  const match = qrImage.exec(html);
  if (!match) return undefined;
  // A copy: kept for every page, a string cut out of the page would hold the whole page (searchIndex.ts `detached`).
  const url = detached((match[1] ?? '').replaceAll('&amp;', '&'));
  const pagePath = `/${folder}/`;
  if (!new URL(url).pathname.endsWith(pagePath))
    throw new Error(`${pagePath}: the QR code would encode ${url}, not this page's address`);
  if (!match[0].includes(`src="${pagePath}${qrCodeFileName}"`))
    throw new Error(`${pagePath}: the QR code image must be ${pagePath}${qrCodeFileName}`);
  return url;
}

/**
 * The page folder of a built file (`fr/demarches/x/index.html` → `fr/demarches/x`, the home
 * page's `index.html` → ``), the key of QR codes and their records; undefined for any other file.
 * Every pass that reads pages names them by it, so their QR codes and records agree.
 */
export function pageFolderOf(file: string): string | undefined {
  if (file === 'index.html') return '';
  return file.endsWith('/index.html') ? file.slice(0, -'/index.html'.length) : undefined;
}

/** The addresses of the QR codes a build's pages ask for, by page folder, read from every `index.html`. */
export async function qrAddressesIn(outDir: string): Promise<Map<string, string>> {
  const addresses = new Map<string, string>();
  for (const file of await filesIn(outDir)) {
    const folder = pageFolderOf(file);
    if (folder === undefined) continue;
    const url = qrAddressOf(folder, await readFile(path.join(outDir, file), 'utf8'));
    if (url !== undefined) addresses.set(folder, url);
  }
  return addresses;
}

/** Bumped whenever what the key covers or the record holds changes, so that an older record is never trusted. */
const qrRecordFormat = 1;

/** The installed qrcode-generator's version (its package.json is not in its exports: found from its entry point). */
function qrLibraryVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('qrcode-generator'));
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === 'qrcode-generator') return version ?? '?';
  }
  return `unknown ${Math.random()}`;
}

/**
 * What a QR code's bytes depend on besides its address: the library that computes the modules
 * (its version: qrcode-generator depends on nothing, so no other locked version changes its
 * output, and a dependency bump elsewhere does not draw 8,000 codes again) and our drawing of
 * them (src/lib/qrCode.ts: error correction, quiet zone, SVG). Two builds with the same key draw
 * the same bytes for the same address.
 */
export const qrCodeKey = (() => {
  const hash = createHash('sha256').update(`qr codes ${qrRecordFormat}\n`);
  hash.update(`qrcode-generator ${qrLibraryVersion()}\n`);
  const drawing = fileURLToPath(new URL('../lib/qrCode.ts', import.meta.url));
  // Without its source (a compiled copy), no key can be trusted: a random one matches nothing.
  hash.update(existsSync(drawing) ? readFileSync(drawing) : `missing ${Math.random()}`);
  return hash.digest('hex');
})();

/** What a deploy's QR codes encode, kept with its content snapshot: the key they were drawn with, and each page folder's address. */
export type QrRecord = { format: number; key: string; codes: Record<string, string> };

/** The addresses of a live record that this code would draw the same, by folder; empty (and why) when none can be trusted. */
async function trustedCodes(recordFile: string): Promise<{ codes: Record<string, string> } | { why: string }> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  if (text === undefined) return { why: 'the live deploy has no QR code record' };
  let record: Partial<QrRecord>;
  try {
    record = JSON.parse(text) as Partial<QrRecord>;
  } catch {
    return { why: 'the live QR code record is not JSON' };
  }
  if (record.format !== qrRecordFormat || record.key !== qrCodeKey || typeof record.codes !== 'object' || record.codes === null)
    return { why: 'the live QR codes were drawn by other code' };
  return { codes: record.codes };
}

export type QrCodeOptions = {
  /** The addresses by page folder, when a pass over the pages already read them (else every page is read here). */
  addresses?: ReadonlyMap<string, string>;
  /** The live deploy and its QR record: a page whose address it drew with the same code gets its file as a hard link. */
  live?: { deployDir: string; record: string };
  /** Where to write this build's record (outside the deploy). */
  recordTo?: string;
  /** Told why the live QR codes could not be used, when they could not. */
  log?: (line: string) => void;
};

/** Writes the QR code of every page that asks for one; returns how many were drawn and how many linked from the live deploy. */
export async function writeQrCodes(
  outDir: string,
  { addresses, live, recordTo, log }: QrCodeOptions = {},
): Promise<{ drawn: number; linked: number }> {
  const pages = addresses ?? (await qrAddressesIn(outDir));
  const trusted = live ? await trustedCodes(live.record) : undefined;
  if (trusted && 'why' in trusted) log?.(`qr codes: every code drawn: ${trusted.why}`);
  const liveCodes = trusted && 'codes' in trusted ? trusted.codes : {};
  let drawn = 0;
  let linked = 0;
  for (const [folder, url] of [...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const target = path.join(outDir, folder, qrCodeFileName);
    // Never written through a file shared with the live deploy: a file replaced is unlinked first.
    await rm(target, { force: true });
    if (live && Object.hasOwn(liveCodes, folder) && liveCodes[folder] === url) {
      const taken = await link(path.join(live.deployDir, folder, qrCodeFileName), target).then(
        () => true,
        () => false,
      );
      if (taken) {
        linked += 1;
        continue;
      }
    }
    await writeFile(target, qrCodeSvg(url));
    drawn += 1;
  }
  if (recordTo) await writeQrRecord(recordTo, pages);
  return { drawn, linked };
}

/** Writes the record of QR codes drawn by this code (written whole, then renamed: never half a record). */
export async function writeQrRecord(recordTo: string, codes: ReadonlyMap<string, string>): Promise<void> {
  const sorted = [...codes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const record: QrRecord = { format: qrRecordFormat, key: qrCodeKey, codes: Object.fromEntries(sorted) };
  await writeWhole(recordTo, `${JSON.stringify(record)}\n`);
}

/**
 * The codes of a live record that this code would draw the same (its key is ours), by page
 * folder; empty when the record is missing, unreadable or made by other code.
 */
export async function liveQrCodes(recordFile: string): Promise<Record<string, string>> {
  const trusted = await trustedCodes(recordFile);
  return 'codes' in trusted ? trusted.codes : {};
}
