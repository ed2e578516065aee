import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';

import { qrCodeSvg } from '../../src/lib/qrCode';

/** The dark modules drawn by the SVG's path of runs (`M{x} {y}h{n}v1h-{n}z`), quiet zone removed. */
function drawnModules(svg: string): Set<string> {
  const path = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const drawn = new Set<string>();
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let offset = 0; offset < Number(width); offset += 1) drawn.add(`${Number(y) - 4},${Number(x) + offset - 4}`);
  }
  return drawn;
}

function expectedModules(text: string): { modules: Set<string>; size: number } {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  const modules = new Set<string>();
  for (let row = 0; row < size; row += 1)
    for (let column = 0; column < size; column += 1) if (code.isDark(row, column)) modules.add(`${row},${column}`);
  return { modules, size };
}

describe('qrCodeSvg', () => {
  it.each([
    'https://passerelle.example/ar/demarches/carte-vitale/',
    'https://passerelle.example/ti/dispositifs/halte-garderie-insertion/',
  ])('draws exactly the dark modules of the code for %s', (url) => {
    const { modules, size } = expectedModules(url);
    const svg = qrCodeSvg(url);
    expect(drawnModules(svg)).toEqual(modules);
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
  });

  it('gives different addresses different codes', () => {
    expect(qrCodeSvg('https://passerelle.example/fr/')).not.toBe(qrCodeSvg('https://passerelle.example/en/'));
  });

  it('refuses an address that is not percent-encoded', () => {
    expect(() => qrCodeSvg('https://passerelle.example/ar/دليل/')).toThrow(/percent-encoded/);
  });
});
