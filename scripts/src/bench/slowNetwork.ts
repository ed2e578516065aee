/**
 * First contentful paint on a 2G-like link, in Debian's Chromium: 50 kbit/s each way and 300 ms
 * of round trip, through the DevTools protocol's network emulation (the link a prepaid plan is
 * throttled to past its data allowance). Each run is a first visit (a fresh profile, empty
 * cache); with `then`, the same profile opens a second page afterwards, as a reader going on
 * to another page would, to weigh what the first visit left in the cache. Median of the runs.
 */
import type { Browser, Page } from 'playwright-core';

import { median } from './stats';

export const twoG = { downloadKbps: 50, uploadKbps: 50, rttMs: 300 } as const;

export type SlowFirstPaint = {
  url: string;
  runs: number;
  fcpMs: number;
  allMs: number[];
  secondUrl?: string;
  secondFcpMs?: number;
};

async function firstContentfulPaint(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const paint = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
          if (paint) resolve(paint.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

export async function measureSlowFirstPaint(
  browser: Browser,
  url: string,
  { runs = 3, then }: { runs?: number; then?: string } = {},
): Promise<SlowFirstPaint> {
  const first: number[] = [];
  const second: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    // Without the service worker: its own requests escape the page's network emulation, so a
    // second visit through it would look instant; the second visit weighs the HTTP cache alone.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: twoG.rttMs,
        downloadThroughput: (twoG.downloadKbps * 1000) / 8,
        uploadThroughput: (twoG.uploadKbps * 1000) / 8,
      });
      first.push(await firstContentfulPaint(page, url));
      if (then) {
        // The reader goes on once the first page has finished loading (its scripts, the service worker).
        await page.waitForLoadState('load', { timeout: 120_000 });
        await page.waitForTimeout(2000);
        second.push(await firstContentfulPaint(page, then));
      }
    } finally {
      await context.close();
    }
  }
  return {
    url,
    runs,
    fcpMs: median(first),
    allMs: first.map(Math.round),
    ...(then ? { secondUrl: then, secondFcpMs: median(second) } : {}),
  };
}
