/**
 * An Astro integration that writes, next to each fiche page, the QR code of its address
 * (`qr.svg`, src/lib/qrCode.ts) that the printed page shows (src/components/PrintAddress.astro).
 * The page says what to encode in `data-qr-code`; a page asking for a QR code that is not its own
 * address is a build error, as is an image pointing anywhere else.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { qrCodeFileName, qrCodeSvg } from '../lib/qrCode';

const qrImage = /<img\b[^>]*\bdata-qr-code="([^"]+)"[^>]*>/;

export async function writeQrCodes(outDir: string): Promise<number> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  let written = 0;
  for (const entry of entries) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    const file = path.join(entry.parentPath, entry.name);
    const html = await readFile(file, 'utf8');
    const match = qrImage.exec(html);
    if (!match) continue;
    const url = (match[1] ?? '').replaceAll('&amp;', '&');
    const pagePath = `/${path.relative(outDir, entry.parentPath).split(path.sep).join('/')}/`;
    if (!new URL(url).pathname.endsWith(pagePath))
      throw new Error(`${pagePath}: the QR code would encode ${url}, not this page's address`);
    if (!match[0].includes(`src="${pagePath}${qrCodeFileName}"`))
      throw new Error(`${pagePath}: the QR code image must be ${pagePath}${qrCodeFileName}`);
    await writeFile(path.join(entry.parentPath, qrCodeFileName), qrCodeSvg(url));
    written += 1;
  }
  return written;
}

export function printQrCodes(): AstroIntegration {
  return {
    name: 'passerelle-print-qr-codes',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        logger.info(`${await writeQrCodes(fileURLToPath(dir))} QR codes for printed fiches`);
      },
    },
  };
}
