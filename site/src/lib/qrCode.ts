/**
 * A QR code as a small SVG, made at build time for the printed fiche: one path of horizontal runs
 * of dark modules (far fewer bytes than one square per module), a quiet zone of 4 modules as the
 * standard asks, and crisp edges so printers draw sharp modules.
 */
import qrcode from 'qrcode-generator';

/** The file next to each fiche page (`/ar/demarches/x/qr.svg`), made by src/integrations/printQrCodes.ts. */
export const qrCodeFileName = 'qr.svg';

/** Error correction M: survives a fold or a stain, and keeps the code small. */
export function qrCodeSvg(text: string): string {
  if (!/^[\x21-\x7e]+$/.test(text)) throw new Error(`A QR code is made from a percent-encoded URL, got: ${text}`);
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  const quiet = 4;
  let path = '';
  for (let row = 0; row < size; row += 1) {
    let column = 0;
    while (column < size) {
      if (!code.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < size && code.isDark(row, column)) column += 1;
      path += `M${start + quiet} ${row + quiet}h${column - start}v1h${start - column}z`;
    }
  }
  const side = size + 2 * quiet;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><path fill="#fff" d="M0 0h${side}v${side}H0z"/><path d="${path}"/></svg>\n`;
}
