import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { finishArguments } from '../../src/integrations/wholeSitePasses';
import { pageFolderOf, qrAddressOf, qrCodeKey, writeQrCodes } from '../../src/integrations/printQrCodes';
import { qrCodeSvg } from '../../src/lib/qrCode';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const site = 'https://passerelle.example';

/** A built site whose fiche pages ask for the QR code of `${origin}/{folder}/`. */
async function builtSite(folders: readonly string[], origin = site): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-qr-'));
  temporary.push(dir);
  for (const folder of folders) {
    await mkdir(path.join(dir, folder), { recursive: true });
    await writeFile(
      path.join(dir, folder, 'index.html'),
      `<!doctype html><img src="/${folder}/qr.svg" data-qr-code="${origin}/${folder}/" alt="QR">`,
    );
  }
  return dir;
}

describe('QR codes taken from the live deploy', () => {
  it('links each code whose address the live deploy drew with the same code, and draws the others', async () => {
    const live = await builtSite(['fr/demarches/a', 'fr/demarches/b', 'ar/demarches/a']);
    const liveRecord = path.join(live, '..', `${path.basename(live)}.qr.json`);
    temporary.push(liveRecord);
    expect(await writeQrCodes(live, { recordTo: liveRecord })).toEqual({ drawn: 3, linked: 0 });

    // b's page moved (a slug change): its old address is gone, the new one is drawn.
    const next = await builtSite(['fr/demarches/a', 'fr/demarches/b2', 'ar/demarches/a']);
    const lines: string[] = [];
    const result = await writeQrCodes(next, { live: { deployDir: live, record: liveRecord }, log: (line) => lines.push(line) });
    expect(result).toEqual({ drawn: 1, linked: 2 });
    expect(lines).toEqual([]);
    for (const folder of ['fr/demarches/a', 'ar/demarches/a'])
      expect((await stat(path.join(next, folder, 'qr.svg'))).ino).toBe((await stat(path.join(live, folder, 'qr.svg'))).ino);
    expect(await readFile(path.join(next, 'fr/demarches/b2/qr.svg'), 'utf8')).toBe(qrCodeSvg(`${site}/fr/demarches/b2/`));
  });

  it('draws again a code whose page is at the same place under another address (the site moved)', async () => {
    const live = await builtSite(['fr/demarches/a']);
    const liveRecord = path.join(live, 'record.json');
    await writeQrCodes(live, { recordTo: liveRecord });
    const next = await builtSite(['fr/demarches/a'], 'https://refugies.example');
    expect(await writeQrCodes(next, { live: { deployDir: live, record: liveRecord } })).toEqual({ drawn: 1, linked: 0 });
    expect(await readFile(path.join(next, 'fr/demarches/a/qr.svg'), 'utf8')).toBe(
      qrCodeSvg('https://refugies.example/fr/demarches/a/'),
    );
  });

  it('draws every code when the live record was made by other code, or is missing, and says why', async () => {
    const live = await builtSite(['fr/demarches/a']);
    const liveRecord = path.join(live, 'record.json');
    await writeQrCodes(live, { recordTo: liveRecord });
    const record = JSON.parse(await readFile(liveRecord, 'utf8')) as { key: string; codes: Record<string, string> };
    expect(record).toMatchObject({ key: qrCodeKey, codes: { 'fr/demarches/a': `${site}/fr/demarches/a/` } });
    await writeFile(liveRecord, JSON.stringify({ ...record, key: 'qrcode-generator 1.4.4' }));
    const next = await builtSite(['fr/demarches/a']);
    const lines: string[] = [];
    const live1 = { deployDir: live, record: liveRecord };
    expect(await writeQrCodes(next, { live: live1, log: (line) => lines.push(line) })).toEqual({ drawn: 1, linked: 0 });
    expect(
      await writeQrCodes(next, { live: { ...live1, record: `${liveRecord}.none` }, log: (line) => lines.push(line) }),
    ).toEqual({
      drawn: 1,
      linked: 0,
    });
    expect(lines).toEqual([
      'qr codes: every code drawn: the live QR codes were drawn by other code',
      'qr codes: every code drawn: the live deploy has no QR code record',
    ]);
  });

  it('refuses a page asking for a QR code of another address, or an image elsewhere', () => {
    expect(() =>
      qrAddressOf('fr/demarches/a', `<img src="/fr/demarches/a/qr.svg" data-qr-code="${site}/fr/demarches/b/">`),
    ).toThrow(/would encode/);
    expect(() => qrAddressOf('fr/demarches/a', `<img src="/qr.svg" data-qr-code="${site}/fr/demarches/a/">`)).toThrow(/must be/);
    expect(qrAddressOf('fr/demarches/a', '<img src="/logo.svg" alt="">')).toBeUndefined();
  });
});

describe('the page folder of a built file, the key of its QR code', () => {
  it.each([
    ['fr/demarches/a/index.html', 'fr/demarches/a'],
    ['ar/dispositifs/b/index.html', 'ar/dispositifs/b'],
    ['fr/index.html', 'fr'],
    ['index.html', ''],
    ['fr/demarches/a/qr.svg', undefined],
    ['fr/404.html', undefined],
    ['fr/notindex.html', undefined],
    ['fr/demarches/a/index.html.br', undefined],
  ])('%s → %s', (file, folder) => {
    expect(pageFolderOf(file)).toBe(folder);
  });
});

describe('the finish step’s command line', () => {
  it('takes a full build’s live deploy for its QR codes, an incremental one’s for its search index too', () => {
    expect(finishArguments(['out', '--full', '--live=live', '--live-qr-record=qr.json', '--qr-record=new.json'])).toEqual({
      outDir: 'out',
      former: [],
      search: {},
      options: { full: true, qrCodes: { live: { deployDir: 'live', record: 'qr.json' }, recordTo: 'new.json' } },
    });
    expect(
      finishArguments(['out', 'site.a.css', '--live=live', '--live-search-record=s.json', '--search-record=n.json']),
    ).toEqual({
      outDir: 'out',
      former: ['site.a.css'],
      search: { reuse: { deployDir: 'live', record: 's.json' }, recordTo: 'n.json' },
      options: { full: false, qrCodes: {} },
    });
  });

  it('refuses a live deploy without a record, a record without its deploy, a full build taking the search index, and unknown flags', () => {
    expect(finishArguments(['out', '--live=live'])).toBeUndefined();
    expect(finishArguments(['out', '--live-qr-record=qr.json'])).toBeUndefined();
    expect(finishArguments(['out', '--full', '--live=live', '--live-search-record=s.json'])).toBeUndefined();
    expect(finishArguments(['out', '--ful'])).toBeUndefined();
    expect(finishArguments([])).toBeUndefined();
  });
});
