// JSON-LD for search engines: Organization on every page, BlogPosting on articles,
// BreadcrumbList wherever a page sits below the home page.
import { SITE } from './site';

type JsonLd = Record<string, unknown>;

export interface Crumb {
  name: string;
  /** Path from the site root, e.g. /blog/. */
  path: string;
}

export function organization(site: URL): JsonLd {
  const { headquarters } = SITE;
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': new URL('/#organization', site).href,
    name: SITE.name,
    url: new URL('/', site).href,
    logo: new URL('/logo.png', site).href,
    description: SITE.description,
    address: {
      '@type': 'PostalAddress',
      addressLocality: `${headquarters.locality}, ${headquarters.city}`,
      addressRegion: headquarters.region,
      addressCountry: headquarters.countryCode,
    },
  };
}

export function breadcrumbList(crumbs: readonly Crumb[], site: URL): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: new URL(crumb.path, site).href,
    })),
  };
}

export interface ArticleFacts {
  title: string;
  description: string;
  author: string;
  pubDate: Date;
  updatedDate?: Date | undefined;
  tags: readonly string[];
  path: string;
  imagePath: string;
}

export function blogPosting(article: ArticleFacts, site: URL): JsonLd {
  const url = new URL(article.path, site).href;
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: article.title,
    description: article.description,
    datePublished: article.pubDate.toISOString(),
    dateModified: (article.updatedDate ?? article.pubDate).toISOString(),
    author: { '@type': 'Organization', name: article.author, url: new URL('/about/', site).href },
    publisher: { '@id': new URL('/#organization', site).href },
    mainEntityOfPage: url,
    url,
    image: new URL(article.imagePath, site).href,
    keywords: article.tags.join(', '),
  };
}

/** Serialise for a <script type="application/ld+json"> block; `<` is escaped so no text closes it. */
export function toJsonLdScript(data: JsonLd | readonly JsonLd[]): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
