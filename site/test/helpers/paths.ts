import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export { fixtureSnapshotDir } from '@passerelle/content-schemas/repository';
export const testDistDir = path.join(siteRoot, 'test-dist');
/** Not the default localhost address, so tests see that SITE_URL reaches every absolute URL. */
export const testSiteUrl = 'https://passerelle.example';
