import type { FicheType, Locale, LocationScope, StructureKind } from '@passerelle/content-schemas';

export type BreadcrumbEntry = { name: string; url: string };

export type FicheJsonLdInput = {
  type: FicheType;
  /** Absolute canonical URL of the page. */
  url: string;
  name: string;
  description: string;
  /** Language of the text on the page (French on a fallback page). */
  inLanguage: Locale;
  /** ISO timestamps, UTC. */
  dateModified: string;
  lastReviewed?: string | null | undefined;
  provider: { name: string; kind: StructureKind; url?: string | null | undefined };
  location: { scope: LocationScope; departements: readonly { code: string; name: string }[] };
  /** Languages the fiche can be read in. */
  availableLanguages: readonly Locale[];
  /** The official website of the service, when there is one. */
  serviceUrl?: string | null | undefined;
  /** Undefined when the fiche says nothing about the price. */
  price?: { free: boolean; amount?: number | null | undefined } | undefined;
  breadcrumb: readonly BreadcrumbEntry[];
  /** A démarche's documents to provide, in the page's language: `HowTo` supplies. */
  documents?: readonly { name: string; note?: string | undefined; required: boolean }[] | undefined;
  /** The published démarches that come before or after it (`isRelatedTo`). */
  relatedServices?: readonly { name: string; url: string }[] | undefined;
};

type JsonLdNode = { '@type': string; [key: string]: unknown };

/**
 * Structured data for a fiche page: the page, the service it describes (`GovernmentService`
 * for a démarche, `Service` offered by an `Organization` for a dispositif) and its breadcrumb,
 * in one `@graph` so the three are linked by `@id`.
 */
export function ficheJsonLd(input: FicheJsonLdInput): { '@context': 'https://schema.org'; '@graph': JsonLdNode[] } {
  const serviceId = `${input.url}#service`;
  const breadcrumbId = `${input.url}#breadcrumb`;
  const isPublicBody = input.provider.kind === 'public-body';
  const service: JsonLdNode = {
    '@type': input.type === 'demarche' ? 'GovernmentService' : 'Service',
    '@id': serviceId,
    name: input.name,
    description: input.description,
    url: input.url,
    provider: withoutEmpty({
      '@type': isPublicBody ? 'GovernmentOrganization' : 'Organization',
      name: input.provider.name,
      url: input.provider.url,
    }),
    areaServed: areaServed(input.location),
    availableLanguage: [...input.availableLanguages],
  };
  if (input.relatedServices?.length) {
    service.isRelatedTo = input.relatedServices.map((related) => ({
      '@type': 'GovernmentService',
      '@id': `${related.url}#service`,
      name: related.name,
      url: related.url,
    }));
  }
  if (input.serviceUrl) service.availableChannel = { '@type': 'ServiceChannel', serviceUrl: input.serviceUrl };
  const price = offeredPrice(input.price);
  if (price !== undefined) service.offers = { '@type': 'Offer', price, priceCurrency: 'EUR' };
  const page: JsonLdNode = withoutEmpty({
    '@type': 'WebPage',
    '@id': input.url,
    url: input.url,
    name: input.name,
    inLanguage: input.inLanguage,
    dateModified: input.dateModified,
    lastReviewed: input.lastReviewed ?? undefined,
    mainEntity: { '@id': serviceId },
    breadcrumb: { '@id': breadcrumbId },
  });
  const graph = [page, service, breadcrumbList(input.breadcrumb, breadcrumbId)];
  // schema.org gives services no list of papers to bring; a HowTo about the service does (`supply`).
  if (input.documents?.length) {
    graph.push({
      '@type': 'HowTo',
      '@id': `${input.url}#documents`,
      name: input.name,
      inLanguage: input.inLanguage,
      about: { '@id': serviceId },
      supply: input.documents.map((document) =>
        withoutEmpty({
          '@type': 'HowToSupply',
          name: document.name,
          description: document.note,
          // Supplies needed only in some situations say so, in the page's words, through the note.
          requiredQuantity: document.required ? 1 : undefined,
        }),
      ),
    });
  }
  return { '@context': 'https://schema.org', '@graph': graph };
}

export function breadcrumbList(entries: readonly BreadcrumbEntry[], id?: string): JsonLdNode {
  return withoutEmpty({
    '@type': 'BreadcrumbList',
    '@id': id,
    itemListElement: entries.map((entry, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: entry.name,
      item: entry.url,
    })),
  });
}

function areaServed(location: FicheJsonLdInput['location']): JsonLdNode | JsonLdNode[] {
  if (location.scope === 'departements' && location.departements.length > 0) {
    return location.departements.map((departement) => ({
      '@type': 'AdministrativeArea',
      name: departement.name,
      identifier: departement.code,
      containedInPlace: { '@type': 'Country', name: 'France' },
    }));
  }
  return { '@type': 'Country', name: 'France' };
}

function offeredPrice(price: FicheJsonLdInput['price']): number | undefined {
  if (!price) return undefined;
  if (price.free) return 0;
  return price.amount ?? undefined;
}

function withoutEmpty<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null && entry !== ''),
  ) as T;
}

/** JSON for a `<script type="application/ld+json">`: `<` is escaped so text can never close the tag. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
