/**
 * DSFR icons inlined as SVG. The design system's icon classes each pull a CSS mask and a file;
 * a theme list needs ten, so the SVG goes straight into the page and follows the text colour.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const iconsRoot = path.join(path.dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json')), 'dist', 'icons');

let iconFiles: Map<string, string> | undefined;

function iconIndex(): Map<string, string> {
  iconFiles ??= new Map(
    readdirSync(iconsRoot, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((category) =>
        readdirSync(path.join(iconsRoot, category.name))
          .filter((file) => file.endsWith('.svg'))
          .map((file): [string, string] => [file.replace(/\.svg$/, ''), path.join(iconsRoot, category.name, file)]),
      ),
  );
  return iconFiles;
}

/** The paths of a DSFR icon (`fr-icon-translate-2` → its `<path>` elements); throws on an unknown icon. */
export function iconPaths(iconClass: string, referrer: string): string {
  const name = iconClass.replace(/^fr-icon-/, '');
  const file = iconIndex().get(name);
  if (!file) throw new Error(`${referrer}: "${iconClass}" is not a DSFR icon`);
  const svg = readFileSync(file, 'utf8');
  const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)?.[1];
  if (!inner) throw new Error(`${referrer}: cannot read the DSFR icon ${file}`);
  return inner;
}
