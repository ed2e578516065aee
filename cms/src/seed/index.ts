import type { Payload, RequestContext } from 'payload';
import sharp from 'sharp';

import { directionOf, translationLocales, type Locale } from '@passerelle/content-schemas';

import type { Fiche } from '../payload-types';
import { seedWorkflowDemo } from './demoWorkflow';
import { markupToLexical } from './markupToLexical';
import { infocardsOf, loadSeedData, type SeedData, type SeedFiche, type SeedStructure, type SeedTranslation } from './seedData';
import { seedUsers, type SeedUser } from './users';

export { checkSeedData, loadSeedData, type SeedData, type SeedFiche, type SeedTranslation } from './seedData';

export type SeedOptions = {
  /** Password for the development logins; none are created without one. */
  password: string | undefined;
  log?: (line: string) => void;
  data?: SeedData;
  /** Called after each fiche is filled in, for bulk imports that show progress (the bench). */
  onFiche?: (done: number, total: number) => void;
};

export type SeedReport = {
  created: Record<'themes' | 'needs' | 'structures' | 'documents' | 'media' | 'fiches' | 'users', number>;
  users: SeedUser[];
};

/** Seeds and bulk imports never trigger site rebuilds. */
const context: RequestContext = { skipRebuild: true };

/**
 * Fills an empty database with the sample content; on a seeded one it adds only what is
 * missing (matched by slug or e-mail) and never overwrites what editors changed.
 */
export async function seed(
  payload: Payload,
  { password, log = () => {}, data = loadSeedData(), onFiche = () => {} }: SeedOptions,
): Promise<SeedReport> {
  const created: SeedReport['created'] = { themes: 0, needs: 0, structures: 0, documents: 0, media: 0, fiches: 0, users: 0 };

  const themeIds = new Map<string, string>();
  for (const [order, theme] of data.themes.entries()) {
    const id = await findIdBySlug(payload, 'themes', theme.id);
    if (id) {
      themeIds.set(theme.id, id);
      continue;
    }
    const doc = await payload.create({
      collection: 'themes',
      data: {
        slug: theme.id,
        name: theme.name.fr,
        description: theme.description.fr,
        color: theme.color as never,
        icon: theme.icon,
        order,
      },
      context,
    });
    await translate(payload, 'themes', doc.id, (locale) => ({
      name: theme.name[locale],
      description: theme.description[locale],
    }));
    themeIds.set(theme.id, doc.id);
    created.themes += 1;
  }
  log(`themes: ${data.themes.length} (${created.themes} new)`);

  const needIds = new Map<string, string>();
  for (const [order, need] of data.needs.entries()) {
    const existing = await findIdBySlug(payload, 'needs', need.id);
    if (existing) {
      needIds.set(need.id, existing);
      continue;
    }
    const doc = await payload.create({
      collection: 'needs',
      data: { slug: need.id, name: need.name.fr, theme: required(themeIds, need.theme), order },
      context,
    });
    await translate(payload, 'needs', doc.id, (locale) => ({ name: need.name[locale] }));
    needIds.set(need.id, doc.id);
    created.needs += 1;
  }
  log(`needs: ${data.needs.length} (${created.needs} new)`);

  const structureIds = new Map<string, string>();
  for (const structure of data.structures) {
    const existing = await findIdBySlug(payload, 'structures', structure.id);
    if (existing) {
      structureIds.set(structure.id, existing);
      continue;
    }
    const logo = structure.kind === 'association' ? await createLogo(payload, structure) : undefined;
    if (logo) created.media += 1;
    const doc = await payload.create({
      collection: 'structures',
      data: {
        slug: structure.id,
        name: structure.name,
        acronym: structure.acronym,
        kind: structure.kind,
        logo,
        description: structure.description.fr,
        departements: structure.departements as never,
        contact: { address: structure.address, phone: structure.phone, email: structure.email, website: structure.website },
        status: structure.status,
      },
      context,
    });
    await translate(payload, 'structures', doc.id, (locale) => ({ description: structure.description[locale] }));
    structureIds.set(structure.id, doc.id);
    created.structures += 1;
  }
  log(`structures: ${data.structures.length} (${created.structures} new)`);

  const documentIds = new Map<string, string>();
  for (const document of data.documents ?? []) {
    const existing = await findIdBySlug(payload, 'documents', document.id);
    if (existing) {
      documentIds.set(document.id, existing);
      continue;
    }
    const doc = await payload.create({ collection: 'documents', data: { slug: document.id, name: document.name.fr }, context });
    await translate(payload, 'documents', doc.id, (locale) => ({ name: document.name[locale] }));
    documentIds.set(document.id, doc.id);
    created.documents += 1;
  }
  log(`documents: ${data.documents?.length ?? 0} (${created.documents} new)`);

  // Fiches link to each other: create the missing ones first so every link has an id to point to.
  const ficheIds = new Map<string, string>();
  const toFill: SeedFiche[] = [];
  for (const fiche of data.fiches) {
    const existing = await findIdBySlug(payload, 'fiches', fiche.key);
    if (existing) {
      ficheIds.set(fiche.key, existing);
      continue;
    }
    const doc = await payload.create({
      collection: 'fiches',
      data: { slug: fiche.key, type: fiche.type, title: fiche.translations.fr.title },
      draft: true,
      depth: 0,
      context,
    });
    ficheIds.set(fiche.key, doc.id);
    toFill.push(fiche);
  }
  for (const fiche of toFill) {
    const id = required(ficheIds, fiche.key);
    const resolveFiche = (key: string) => required(ficheIds, key);
    await payload.update({
      collection: 'fiches',
      id,
      locale: 'fr',
      data: {
        ...sectionsOf(fiche.translations.fr, 'fr', resolveFiche),
        ...languageNeutralFields(fiche, { themeIds, needIds, structureIds }),
        ...documentsAndSteps(fiche, documentIds, resolveFiche),
        _status: 'published',
      },
      // Nothing reads the returned document: populating its links would only cost time.
      depth: 0,
      context,
    });
    // Sample translations go through the real workflow, as if an expert had validated them.
    for (const [locale, translation] of Object.entries(fiche.translations)) {
      if (locale === 'fr') continue;
      const { docs } = await payload.find({
        collection: 'translations',
        where: { and: [{ fiche: { equals: id } }, { language: { equals: locale } }] },
        limit: 1,
        depth: 0,
      });
      const translationId = docs[0]?.id ?? required(new Map(), `translation ${fiche.key}/${locale}`);
      await payload.update({
        collection: 'translations',
        id: translationId,
        data: { ...sectionsOf(translation, locale as Locale, resolveFiche), status: 'validated' } as never,
        depth: 0,
        context,
      });
    }
    created.fiches += 1;
    onFiche(created.fiches, toFill.length);
  }
  log(`fiches: ${data.fiches.length} (${created.fiches} new)`);
  if (toFill.length === data.fiches.length) await seedWorkflowDemo(payload, ficheIds, context);

  const users = await seedUsers(payload, { password, structureIds, log, context });
  created.users = users.filter((user) => user.created).length;
  return { created, users };
}

type SlugCollection = 'themes' | 'needs' | 'structures' | 'documents' | 'fiches';

async function findIdBySlug(payload: Payload, collection: SlugCollection, slug: string): Promise<string | undefined> {
  const { docs } = await payload.find({
    collection,
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 0,
    draft: true,
    pagination: false,
  });
  return docs[0]?.id;
}

/** Writes each non-French locale of a document that has no drafts. */
async function translate(
  payload: Payload,
  collection: 'themes' | 'needs' | 'structures' | 'documents',
  id: string,
  fieldsFor: (locale: Exclude<Locale, 'fr'>) => Record<string, string>,
): Promise<void> {
  for (const locale of translationLocales) {
    await payload.update({ collection, id, locale, data: fieldsFor(locale), context });
  }
}

function sectionsOf(translation: SeedTranslation, locale: Locale, resolveFiche: (key: string) => string): Partial<Fiche> {
  const direction = directionOf(locale);
  const section = (items: SeedTranslation['what']) =>
    items.map((item) => ({ title: item.title, body: markupToLexical(item.body, direction, resolveFiche) as never }));
  return {
    title: translation.title,
    brandName: translation.brandName,
    administrationName: translation.administrationName,
    summary: translation.summary,
    what: section(translation.what),
    why: section(translation.why),
    how: section(translation.how),
    next: section(translation.next),
    // Only the texts; the French row adds which shared document and whether it is required.
    documents: translation.documents.map(({ name, note }) => ({ name, note })),
  };
}

/** The French document rows (shared document, need, texts) and the « avant / après » links. */
function documentsAndSteps(
  fiche: SeedFiche,
  documentIds: Map<string, string>,
  resolveFiche: (key: string) => string,
): Partial<Fiche> {
  return {
    documents: fiche.documents.map((row, index) => ({
      document: row.document ? required(documentIds, row.document) : null,
      need: row.need,
      name: fiche.translations.fr.documents[index]?.name ?? null,
      note: fiche.translations.fr.documents[index]?.note ?? null,
    })),
    noDocuments: fiche.noDocuments,
    stepsBefore: fiche.stepsBefore.map(resolveFiche),
    stepsAfter: fiche.stepsAfter.map(resolveFiche),
  };
}

function languageNeutralFields(
  fiche: SeedFiche,
  ids: { themeIds: Map<string, string>; needIds: Map<string, string>; structureIds: Map<string, string> },
): Partial<Fiche> {
  return {
    type: fiche.type,
    infocards: infocardsOf(fiche) as Fiche['infocards'],
    primaryTheme: required(ids.themeIds, fiche.primaryTheme),
    secondaryThemes: fiche.secondaryThemes.map((theme) => required(ids.themeIds, theme)),
    needs: fiche.needs.map((need) => required(ids.needIds, need)),
    mainStructure: required(ids.structureIds, fiche.mainStructure),
    partnerStructures: fiche.partnerStructures.map((structure) => required(ids.structureIds, structure)),
    externalLink: fiche.externalLink,
    lastCheckedAt: new Date(`${fiche.lastCheckedAt}T00:00:00.000Z`).toISOString(),
  };
}

function required(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`Seed reference "${key}" was not created`);
  return id;
}

const logoPalette = ['#000091', '#6a6af4', '#009081', '#c3992a', '#ce614a', '#a558a0', '#417dc4', '#716043'];

const altText: Record<Locale, (name: string) => string> = {
  fr: (name) => `Logo de ${name}`,
  en: (name) => `${name} logo`,
  ar: (name) => `شعار ${name}`,
  ps: (name) => `د ${name} نښان`,
  fa: (name) => `نشان ${name}`,
  ti: (name) => `ምልክት ${name}`,
  ru: (name) => `Логотип «${name}»`,
  uk: (name) => `Логотип «${name}»`,
};

/** A simple initials logo, rendered by sharp, so the image pipeline has real files to work on. */
async function createLogo(payload: Payload, structure: SeedStructure): Promise<string> {
  const initials = structure.name
    .split(/[\s&'’-]+/)
    .filter((word) => /^[A-ZÀ-Ý]/.test(word))
    .slice(0, 2)
    .map((word) => word[0])
    .join('');
  const colour = logoPalette[structure.id.length % logoPalette.length] ?? '#000091';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><rect width="512" height="512" rx="64" fill="${colour}"/><text x="256" y="320" font-family="sans-serif" font-size="200" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const media = await payload.create({
    collection: 'media',
    data: { alt: altText.fr(structure.name) },
    file: { data: png, mimetype: 'image/png', name: `logo-${structure.id}.png`, size: png.length },
    context,
  });
  for (const locale of translationLocales) {
    await payload.update({ collection: 'media', id: media.id, locale, data: { alt: altText[locale](structure.name) }, context });
  }
  return media.id;
}
