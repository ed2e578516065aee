/**
 * What a reader downloads for one page, as served (compressed, by our static server or any
 * server): the HTML, then every stylesheet and script it references, each once. Bytes are the
 * compressed body sizes on the wire.
 */
import { request } from 'node:http';

import type { Browser } from 'playwright-core';

import { decompress } from './decompress';

export type Encoding = 'gzip' | 'br';
export type PageWeight = {
  url: string;
  html: number;
  css: number;
  js: number;
  total: number;
  files: number;
  /** Measured for fiches in Chromium: readable with JavaScript off (see readableWithoutJs). */
  readableWithoutJs?: boolean;
};

/** Compressed body size (bytes on the wire) and decoded text of a URL. */
export async function fetchCompressed(url: string, encoding: Encoding): Promise<{ status: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const used = response.headers['content-encoding'];
        resolve({ status: response.statusCode ?? 0, bytes: body.length, text: decompress(body, used).toString('utf8') });
      });
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Stylesheets and scripts a page loads by itself (not the ones a script may load later on use). */
export function referencedAssets(html: string): { css: string[]; js: string[] } {
  const css = [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => /\brel=["']?stylesheet/.test(tag))
    .map((tag) => /\bhref=["']?([^"' >]+)/.exec(tag)?.[1])
    .filter((href): href is string => Boolean(href));
  const js = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)].map((match) => match[1] as string),
    ...[...html.matchAll(/<link\b[^>]*\brel=["']?modulepreload[^>]*>/g)]
      .map(([tag]) => /\bhref=["']?([^"' >]+)/.exec(tag)?.[1])
      .filter((href): href is string => Boolean(href)),
  ];
  return { css: [...new Set(css)], js: [...new Set(js)] };
}

/** Modules a script imports statically (`import … from "./x.js"`, `import "./y.js"`): the browser loads them before running it. */
export function staticImports(code: string): string[] {
  // Not `x.import(` or `import(` (dynamic, loaded on use): only `import … from "…"` and `import "…"`.
  return [...code.matchAll(/(?<![\w$.])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)].map((match) => match[1] as string);
}

export async function measurePageWeight(url: string, encoding: Encoding = 'gzip'): Promise<PageWeight> {
  const page = await fetchCompressed(url, encoding);
  if (page.status !== 200) throw new Error(`${url} answered HTTP ${page.status}`);
  const assets = referencedAssets(page.text);
  const fetchAsset = async (href: string) => {
    const asset = await fetchCompressed(href, encoding);
    if (asset.status !== 200) throw new Error(`${href} (from ${url}) answered HTTP ${asset.status}`);
    return asset;
  };
  const css = (await Promise.all(assets.css.map((href) => fetchAsset(new URL(href, url).href)))).reduce(
    (sum, { bytes }) => sum + bytes,
    0,
  );
  // Scripts and, transitively, the modules they import statically; each file once.
  const scripts = new Set(assets.js.map((href) => new URL(href, url).href));
  let js = 0;
  for (const script of scripts) {
    const asset = await fetchAsset(script);
    js += asset.bytes;
    for (const imported of staticImports(asset.text)) scripts.add(new URL(imported, script).href);
  }
  return { url, html: page.bytes, css, js, total: page.bytes + css + js, files: 1 + assets.css.length + scripts.size };
}

/**
 * Whether a page is read without JavaScript: with scripts off, its title shows and its main
 * content holds (nearly) all the text it holds with scripts on — scripts may only add tools.
 * When true, the JavaScript needed to read it is 0 KB, whatever enhancements load.
 */
export async function readableWithoutJs(browser: Browser, url: string): Promise<boolean> {
  const mainText = async (javaScriptEnabled: boolean) => {
    const context = await browser.newContext({ javaScriptEnabled });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const titleVisible = await page.locator('h1').first().isVisible();
      const text = await page.evaluate(() => (document.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' ').trim());
      return { titleVisible, length: text.length };
    } finally {
      await context.close();
    }
  };
  const withoutScripts = await mainText(false);
  const withScripts = await mainText(true);
  return withoutScripts.titleVisible && withScripts.length > 0 && withoutScripts.length >= 0.9 * withScripts.length;
}
