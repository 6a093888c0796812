/**
 * The demo project: 2,400 assets in 12 nested collections (some at the root), 36 tags, and 1,610
 * records across six models (a tree model, a workflow model, a model without drafts). Everything
 * is derived from one seed, so two seeds of the same number are identical.
 */
import type { Store } from '../store';
import type { CollectionRec, ItemStatus, UploadRec } from '../types';
import {
  buildBlock,
  buildItem,
  buildUpload,
  dast,
  fileValue,
  paragraph,
  type UploadKind,
} from './factories';
import type { Random } from './random';
import { CONTRIBUTOR } from '../roles';
import { MODEL_IDS } from './schema';

export const DEMO_COUNTS = {
  uploads: 2400,
  authors: 40,
  categories: 50,
  articles: 950,
  products: 450,
  pressReleases: 90,
  pages: 30,
  landingPages: 12,
} as const;

/**
 * Records added after the first 1,610 (ids r01611–r01635) to exercise blocks, locales and each
 * link strategy; the targets are new records, so the older records behave as before.
 */
export const DEMO_LINKED = {
  /** Linked from the Hero block's `author` (delete: fail, unpublish: unpublish), pages 1–4. */
  heroAuthor: 'r01611',
  /** Linked from landing pages' `sponsors` (delete: fail, unpublish: delete_references), 5–8. */
  sponsorAuthor: 'r01612',
  /** Linked from nothing. */
  freeAuthor: 'r01613',
  /** Linked from Related articles blocks (delete and unpublish: delete_references). */
  relatedArticles: ['r01614', 'r01615', 'r01616', 'r01617', 'r01618', 'r01619'],
  /** Linked from landing pages' `featured` (delete: delete_references, unpublish: unpublish). */
  featuredProducts: ['r01620', 'r01621'],
  /** Linked from the CTA block's required `target` (delete_references but required; unpublish: fail). */
  ctaProducts: ['r01622', 'r01623'],
  landingPages: Array.from({ length: 12 }, (_, i) => `r${String(1624 + i).padStart(5, '0')}`),
} as const;

export const DEMO_COLLECTIONS: CollectionRec[] = [
  { id: 'col-marketing', label: 'Marketing', position: 1, parentId: null },
  { id: 'col-campaigns', label: 'Campaigns', position: 1, parentId: 'col-marketing' },
  { id: 'col-campaigns-2025', label: '2025', position: 1, parentId: 'col-campaigns' },
  { id: 'col-campaigns-2026', label: '2026', position: 2, parentId: 'col-campaigns' },
  { id: 'col-social', label: 'Social', position: 2, parentId: 'col-marketing' },
  { id: 'col-products', label: 'Products', position: 2, parentId: null },
  { id: 'col-shoes', label: 'Shoes', position: 1, parentId: 'col-products' },
  { id: 'col-bags', label: 'Bags', position: 2, parentId: 'col-products' },
  { id: 'col-accessories', label: 'Accessories', position: 3, parentId: 'col-products' },
  { id: 'col-press', label: 'Press kit', position: 3, parentId: null },
  { id: 'col-archive', label: 'Archive', position: 4, parentId: null },
  { id: 'col-archive-2024', label: '2024', position: 1, parentId: 'col-archive' },
];

// prettier-ignore
export const DEMO_TAGS = [
  'brand', 'hero', 'banner', 'social', 'instagram', 'facebook', 'linkedin', 'print', 'web',
  'mobile', 'product', 'lifestyle', 'studio', 'outdoor', 'portrait', 'landscape', 'team', 'event',
  'press', 'logo', 'icon', 'background', 'summer', 'winter', 'spring', 'autumn', 'sale',
  'new-arrival', 'archive', 'approved', 'needs-review', 'legal', 'video-ad', 'thumbnail',
  'campaign-2025', 'campaign-2026',
];

const SMART_TAGS = ['person', 'outdoor', 'indoor', 'food', 'shoe', 'bag', 'text', 'city', 'nature'];

// prettier-ignore
const SUBJECTS = [
  'sneaker', 'boot', 'sandal', 'tote', 'backpack', 'wallet', 'belt', 'scarf', 'store-front',
  'team-photo', 'office', 'launch-event', 'lookbook', 'runway', 'billboard', 'newsletter',
  'product-shot', 'detail', 'packaging', 'logo', 'banner', 'poster', 'flyer', 'catalogue',
];
const QUALIFIERS = [
  'red',
  'black',
  'white',
  'blue',
  'spring',
  'summer',
  'winter',
  'studio',
  'hq',
  'v2',
];

/** Weighted by how full real media libraries tend to be: mostly images. */
const KIND_WEIGHTS: [UploadKind, number][] = [
  ['image', 70],
  ['video', 12],
  ['pdf', 9],
  ['audio', 2],
  ['document', 2],
  ['spreadsheet', 2],
  ['presentation', 1],
  ['archive', 2],
];

const BASE_TIME = Date.parse('2024-01-01T08:00:00.000Z');
const HOUR = 3_600_000;

function weighted<T>(random: Random, weights: [T, number][]): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weights[weights.length - 1] as [T, number])[0];
}

function at(hoursAfterBase: number): string {
  return new Date(BASE_TIME + hoursAfterBase * HOUR).toISOString();
}

export function seedDemo(store: Store, random: Random): void {
  for (const collection of DEMO_COLLECTIONS)
    store.collections.set(collection.id, { ...collection });
  for (const tag of DEMO_TAGS) store.ensureTag(tag);

  const uploads = seedUploads(store, random);
  // The last ten assets were uploaded by the Contributor demo user (creator-scoped rules).
  for (const upload of uploads.slice(-10)) upload.creator = CONTRIBUTOR;
  const images = uploads.filter((upload) => upload.isImage);
  // Assets referenced by records come from one shuffled pool, so usage is spread across folders.
  const imagePool = random.sample(images, images.length);
  let poolIndex = 0;
  const nextImage = (): string => {
    const upload = imagePool[poolIndex % imagePool.length] as UploadRec;
    poolIndex++;
    return upload.id;
  };
  const pdfs = uploads.filter((upload) => upload.format === 'pdf');

  const authors = seedAuthors(store, random, nextImage);
  const leafCategories = seedCategories(store);
  seedArticles(store, random, authors, leafCategories, nextImage);
  seedProducts(store, random, nextImage);
  seedPressReleases(store, random, pdfs);
  seedPages(store);
  seedLandingPages(store);
  store.itemsChanged();
}

function seedUploads(store: Store, random: Random): UploadRec[] {
  const collectionIds = DEMO_COLLECTIONS.map((collection) => collection.id);
  const out: UploadRec[] = [];
  for (let i = 0; i < DEMO_COUNTS.uploads; i++) {
    const kind = weighted(random, KIND_WEIGHTS);
    const subject = random.pick(SUBJECTS);
    const basename = `${subject}-${random.pick(QUALIFIERS)}-${String(i + 1).padStart(4, '0')}`;
    const tagCount = random.chance(0.12) ? 0 : random.int(1, 4);
    const upload = buildUpload(store, random, {
      kind,
      basename,
      tags: random.sample(DEMO_TAGS, tagCount),
      smartTags: kind === 'image' ? random.sample(SMART_TAGS, random.int(0, 3)) : [],
      // About one asset in seven stays at the root of the Media Area.
      collectionId: random.chance(0.14) ? null : random.pick(collectionIds),
      alt: kind === 'image' && random.chance(0.6) ? `${subject.replace(/-/g, ' ')} photo` : null,
      title: random.chance(0.3) ? `${subject} ${i + 1}` : null,
      notes: random.chance(0.1) ? 'Licensed until 2027' : null,
      createdAt: at(i * 3),
    });
    store.uploads.set(upload.id, upload);
    out.push(upload);
  }
  return out;
}

function statusFor(random: Random): ItemStatus {
  return weighted<ItemStatus>(random, [
    ['published', 55],
    ['updated', 15],
    ['draft', 30],
  ]);
}

function seedAuthors(store: Store, random: Random, nextImage: () => string): string[] {
  const ids: string[] = [];
  for (let i = 0; i < DEMO_COUNTS.authors; i++) {
    const item = buildItem(store, MODEL_IDS.author, {
      attributes: {
        name: `Author ${i + 1}`,
        bio: `Writes about ${random.pick(SUBJECTS)}.`,
        avatar: i % 2 === 0 ? fileValue(nextImage()) : null,
      },
      // The last five authors are drafts: nothing links to them and they can be deleted.
      status: i >= DEMO_COUNTS.authors - 5 ? 'draft' : 'published',
      createdAt: at(i),
    });
    store.items.set(item.id, item);
    ids.push(item.id);
  }
  return ids;
}

/**
 * Five roots, three children each, two grandchildren each; root 5 and its subtree are drafts and
 * nothing links to them (free for tree tests). Returns the leaves articles may link to.
 */
function seedCategories(store: Store): string[] {
  const leaves: string[] = [];
  let created = 0;
  const add = (name: string, parentId: string | null, position: number, status: ItemStatus) => {
    const item = buildItem(store, MODEL_IDS.category, {
      attributes: {
        name,
        slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        parent_id: parentId,
        position,
      },
      status,
      createdAt: at(100 + created++),
    });
    store.items.set(item.id, item);
    return item.id;
  };
  for (let r = 1; r <= 5; r++) {
    const rootStatus: ItemStatus = r === 5 ? 'draft' : 'published';
    const rootId = add(`Section ${r}`, null, r, rootStatus);
    for (let c = 1; c <= 3; c++) {
      // In published sections the third child is a draft, so its subtree cannot be published alone.
      const childStatus: ItemStatus = rootStatus === 'draft' || c === 3 ? 'draft' : 'published';
      const childId = add(`Section ${r}.${c}`, rootId, c, childStatus);
      for (let g = 1; g <= 2; g++) {
        const leafStatus: ItemStatus = childStatus === 'draft' || g === 2 ? 'draft' : 'published';
        const leafId = add(`Section ${r}.${c}.${g}`, childId, g, leafStatus);
        if (r !== 5) leaves.push(leafId);
      }
    }
  }
  return leaves;
}

function seedArticles(
  store: Store,
  random: Random,
  authors: string[],
  leafCategories: string[],
  nextImage: () => string,
): void {
  const linkableAuthors = authors.slice(0, authors.length - 5);
  for (let i = 0; i < DEMO_COUNTS.articles; i++) {
    let status = statusFor(random);
    // Every 40th article misses its required title: it cannot be published (INVALID_DRAFT).
    const invalid = i % 40 === 7;
    if (invalid && status === 'published') status = 'updated';
    const title = `${random.pick(QUALIFIERS)} ${random.pick(SUBJECTS).replace(/-/g, ' ')} story ${i + 1}`;
    const item = buildItem(store, MODEL_IDS.article, {
      attributes: {
        title: invalid ? '' : title,
        slug: `story-${i + 1}`,
        body: `Body of story ${i + 1}.`,
        cover: i % 3 === 0 ? fileValue(nextImage()) : null,
        gallery: i % 25 === 0 ? [nextImage(), nextImage(), nextImage()].map(fileValue) : [],
        author: random.pick(linkableAuthors),
        category: i % 4 === 0 ? null : random.pick(leafCategories),
      },
      status,
      publishedAttributes: { title, body: `Earlier body of story ${i + 1}.` },
      // A few records are open in another editor's session.
      locked: i % 190 === 11,
      createdAt: at(200 + i * 5),
    });
    store.items.set(item.id, item);
  }
}

function seedProducts(store: Store, random: Random, nextImage: () => string): void {
  const ids: string[] = [];
  for (let i = 0; i < DEMO_COUNTS.products; i++) {
    let status = statusFor(random);
    const invalid = i % 50 === 13;
    if (invalid && status === 'published') status = 'updated';
    const name = `${random.pick(QUALIFIERS)} ${random.pick(SUBJECTS)} ${i + 1}`;
    const item = buildItem(store, MODEL_IDS.product, {
      attributes: {
        name,
        sku: invalid ? null : `SKU-${String(10000 + i)}`,
        price: Math.round(random.int(900, 39900)) / 100,
        description: `Product ${i + 1}.`,
        images: i % 3 === 0 ? [fileValue(nextImage())] : [],
        related: ids.length > 0 && i % 10 === 0 ? [random.pick(ids)] : [],
      },
      status,
      publishedAttributes: { sku: `SKU-${String(10000 + i)}` },
      createdAt: at(5000 + i * 7),
    });
    store.items.set(item.id, item);
    ids.push(item.id);
  }
}

function seedPressReleases(store: Store, random: Random, pdfs: UploadRec[]): void {
  const stages = ['drafting', 'in_review', 'approved', 'archived'];
  for (let i = 0; i < DEMO_COUNTS.pressReleases; i++) {
    const attachment = i % 6 === 0 && pdfs.length > 0 ? random.pick(pdfs).id : null;
    const item = buildItem(store, MODEL_IDS.pressRelease, {
      attributes: {
        title: `Press release ${i + 1}`,
        body: 'For immediate release.',
        attachment: attachment ? fileValue(attachment) : null,
      },
      status: statusFor(random),
      stage: stages[i % stages.length] ?? null,
      createdAt: at(9000 + i * 11),
    });
    store.items.set(item.id, item);
  }
}

function seedPages(store: Store): void {
  for (let i = 0; i < DEMO_COUNTS.pages; i++) {
    const item = buildItem(store, MODEL_IDS.page, {
      attributes: { title: `Page ${i + 1}`, body: 'Static page.' },
      createdAt: at(12000 + i),
    });
    store.items.set(item.id, item);
  }
}

/** Blocks, two locales and every link strategy (see DEMO_LINKED); no PRNG use, so nothing shifts. */
function seedLandingPages(store: Store): void {
  const published = (modelId: string, attributes: Record<string, unknown>, hour: number) => {
    const item = buildItem(store, modelId, {
      attributes,
      status: 'published',
      createdAt: at(hour),
    });
    store.items.set(item.id, item);
    return item.id;
  };
  let hour = 13_000;
  for (let i = 1; i <= 3; i++) {
    published(MODEL_IDS.author, { name: `Guest author ${i}`, bio: 'Guest writer.' }, hour++);
  }
  for (let i = 1; i <= 6; i++) {
    published(
      MODEL_IDS.article,
      { title: `Related story ${i}`, slug: `related-story-${i}`, body: 'Read this too.' },
      hour++,
    );
  }
  for (let i = 1; i <= 4; i++) {
    const kind = i <= 2 ? 'Featured' : 'Promoted';
    published(
      MODEL_IDS.product,
      { name: `${kind} product ${i}`, sku: `SKU-9${String(i).padStart(4, '0')}`, price: 49.9 },
      hour++,
    );
  }
  // An image some author already uses, so the count of assets in use stays as it was.
  const avatar = store.items.get('r00001')?.attributes.avatar as { upload_id: string } | null;
  const { relatedArticles, featuredProducts, ctaProducts } = DEMO_LINKED;
  for (let n = 1; n <= DEMO_COUNTS.landingPages; n++) {
    const hero = buildBlock(store, MODEL_IDS.heroBlock, {
      headline: `Welcome ${n}`,
      image: avatar ? fileValue(avatar.upload_id) : null,
      author: n <= 4 ? DEMO_LINKED.heroAuthor : null,
    });
    const related = buildBlock(store, MODEL_IDS.relatedBlock, {
      heading: 'Read next',
      articles: [relatedArticles[n % 6], relatedArticles[(n + 1) % 6]],
    });
    const cta = buildBlock(store, MODEL_IDS.ctaBlock, {
      label: 'Buy now',
      target: ctaProducts[n % 2],
    });
    const status: ItemStatus = n <= 8 ? 'published' : n <= 10 ? 'updated' : 'draft';
    const item = buildItem(store, MODEL_IDS.landingPage, {
      attributes: {
        title: { en: `Landing page ${n}`, fr: `Page d’accueil ${n}` },
        slug: `landing-page-${n}`,
        summary: { en: `Spring campaign ${n}`, fr: `Campagne de printemps ${n}` },
        sections: [hero, related],
        content: dast([paragraph(`Intro of landing page ${n}.`), { type: 'block', item: cta }]),
        featured: featuredProducts[n % 2],
        sponsors: n >= 5 && n <= 8 ? [DEMO_LINKED.sponsorAuthor] : [],
      },
      status,
      createdAt: at(hour++),
    });
    // Pages 1–6 were created by the Contributor demo user (creator-scoped role rules).
    if (n <= 6) item.creator = CONTRIBUTOR;
    store.items.set(item.id, item);
  }
}
