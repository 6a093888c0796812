/**
 * The demo project's schema: models, block models, fields (with their link strategies) and the
 * editorial workflow, and the site locales. Shared by both seeds.
 */
import type { Store } from '../store';
import type { FieldRec, FieldType, ItemTypeRec, LinkStrategies, WorkflowRec } from '../types';

/** Site locales; the first is the main locale (agent-skills `localization.md`). */
export const LOCALES = ['en', 'fr'] as const;

export const MODEL_IDS = {
  author: 'it-author',
  category: 'it-category',
  article: 'it-article',
  product: 'it-product',
  pressRelease: 'it-press-release',
  page: 'it-page',
  landingPage: 'it-landing-page',
  heroBlock: 'it-hero-block',
  relatedBlock: 'it-related-block',
  ctaBlock: 'it-cta-block',
} as const;

export const EDITORIAL_WORKFLOW: WorkflowRec = {
  id: 'wf-editorial',
  name: 'Editorial review',
  apiKey: 'editorial',
  stages: [
    { id: 'drafting', name: 'Drafting', description: 'Being written', initial: true },
    { id: 'in_review', name: 'In review', description: 'Waiting for an editor', initial: false },
    { id: 'approved', name: 'Approved', description: 'Ready to go live', initial: false },
    { id: 'archived', name: 'Archived', description: 'Kept for reference', initial: false },
  ],
};

type FieldOptions = {
  required?: boolean;
  localized?: boolean;
  /** Link targets (link, links, structured-text links). */
  links?: string[];
  strategies?: LinkStrategies;
  /** Allowed blocks (rich_text, single_block, structured_text). */
  blocks?: string[];
};

type FieldSpec = [apiKey: string, label: string, type: FieldType, options?: FieldOptions];

/** Block models: their records live inside landing pages' modular content and structured text. */
const BLOCKS: { itemType: ItemTypeRec; fields: FieldSpec[] }[] = [
  {
    itemType: model(MODEL_IDS.heroBlock, 'hero_block', 'Hero', { modularBlock: true }),
    fields: [
      ['headline', 'Headline', 'string'],
      ['image', 'Image', 'file'],
      [
        'author',
        'Author',
        'link',
        { links: [MODEL_IDS.author], strategies: { onDelete: 'fail', onUnpublish: 'unpublish' } },
      ],
    ],
  },
  {
    itemType: model(MODEL_IDS.relatedBlock, 'related_block', 'Related articles', {
      modularBlock: true,
    }),
    fields: [
      ['heading', 'Heading', 'string'],
      [
        'articles',
        'Articles',
        'links',
        {
          links: [MODEL_IDS.article],
          strategies: { onDelete: 'delete_references', onUnpublish: 'delete_references' },
        },
      ],
    ],
  },
  {
    itemType: model(MODEL_IDS.ctaBlock, 'cta_block', 'Call to action', { modularBlock: true }),
    fields: [
      ['label', 'Label', 'string'],
      [
        'target',
        'Target product',
        'link',
        {
          // Required: "delete_references" cannot empty it, so deleting its target fails.
          required: true,
          links: [MODEL_IDS.product],
          strategies: { onDelete: 'delete_references', onUnpublish: 'fail' },
        },
      ],
    ],
  },
];

const MODELS: { itemType: ItemTypeRec; fields: FieldSpec[] }[] = [
  {
    itemType: model(MODEL_IDS.author, 'author', 'Author', { titleFieldApiKey: 'name' }),
    fields: [
      ['name', 'Name', 'string', { required: true }],
      ['bio', 'Bio', 'text'],
      ['avatar', 'Avatar', 'file'],
    ],
  },
  {
    itemType: model(MODEL_IDS.category, 'category', 'Category', {
      tree: true,
      sortable: true,
      titleFieldApiKey: 'name',
    }),
    fields: [
      ['name', 'Name', 'string', { required: true }],
      ['slug', 'Slug', 'slug'],
    ],
  },
  {
    itemType: model(MODEL_IDS.article, 'article', 'Article', { titleFieldApiKey: 'title' }),
    fields: [
      ['title', 'Title', 'string', { required: true }],
      ['slug', 'Slug', 'slug'],
      ['body', 'Body', 'text'],
      ['cover', 'Cover image', 'file'],
      ['gallery', 'Gallery', 'gallery'],
      [
        'author',
        'Author',
        'link',
        { links: [MODEL_IDS.author], strategies: { onDelete: 'fail', onUnpublish: 'fail' } },
      ],
      [
        'category',
        'Category',
        'link',
        {
          links: [MODEL_IDS.category],
          strategies: { onDelete: 'delete_references', onUnpublish: 'fail' },
        },
      ],
    ],
  },
  {
    itemType: model(MODEL_IDS.product, 'product', 'Product', { titleFieldApiKey: 'name' }),
    fields: [
      ['name', 'Name', 'string', { required: true }],
      ['sku', 'SKU', 'string', { required: true }],
      ['price', 'Price', 'float'],
      ['description', 'Description', 'text'],
      ['images', 'Images', 'gallery'],
      // No strategies stored: the API's defaults apply (delete_references / fail).
      ['related', 'Related products', 'links', { links: [MODEL_IDS.product] }],
    ],
  },
  {
    itemType: model(MODEL_IDS.pressRelease, 'press_release', 'Press release', {
      workflowId: EDITORIAL_WORKFLOW.id,
      titleFieldApiKey: 'title',
    }),
    fields: [
      ['title', 'Title', 'string', { required: true }],
      ['body', 'Body', 'text'],
      ['attachment', 'Attachment', 'file'],
    ],
  },
  {
    // No draft/published distinction: records are live as soon as they are saved.
    itemType: model(MODEL_IDS.page, 'page', 'Page', {
      draftModeActive: false,
      titleFieldApiKey: 'title',
    }),
    fields: [
      ['title', 'Title', 'string', { required: true }],
      ['body', 'Body', 'text'],
    ],
  },
  {
    itemType: model(MODEL_IDS.landingPage, 'landing_page', 'Landing page', {
      titleFieldApiKey: 'title',
    }),
    fields: [
      ['title', 'Title', 'string', { required: true, localized: true }],
      ['slug', 'Slug', 'slug'],
      ['summary', 'Summary', 'text', { localized: true }],
      [
        'sections',
        'Sections',
        'rich_text',
        { blocks: [MODEL_IDS.heroBlock, MODEL_IDS.relatedBlock] },
      ],
      ['content', 'Content', 'structured_text', { blocks: [MODEL_IDS.ctaBlock] }],
      [
        'featured',
        'Featured product',
        'link',
        {
          links: [MODEL_IDS.product],
          strategies: { onDelete: 'delete_references', onUnpublish: 'unpublish' },
        },
      ],
      [
        'sponsors',
        'Sponsors',
        'links',
        {
          links: [MODEL_IDS.author],
          strategies: { onDelete: 'fail', onUnpublish: 'delete_references' },
        },
      ],
    ],
  },
];

function model(
  id: string,
  apiKey: string,
  name: string,
  options: Partial<ItemTypeRec>,
): ItemTypeRec {
  return {
    id,
    apiKey,
    name,
    modularBlock: false,
    draftModeActive: true,
    tree: false,
    sortable: false,
    workflowId: null,
    titleFieldApiKey: null,
    ...options,
    // Block models cannot have drafts, trees or sorting (agent-skills `schema.md`).
    ...(options.modularBlock ? { draftModeActive: false, tree: false, sortable: false } : {}),
  };
}

export function seedSchema(store: Store): void {
  store.workflows.set(EDITORIAL_WORKFLOW.id, structuredClone(EDITORIAL_WORKFLOW));
  store.locales = [...LOCALES];
  // Regular models first, in their old order, then the block models.
  for (const { itemType, fields } of [...MODELS, ...BLOCKS]) {
    store.itemTypes.set(itemType.id, { ...itemType });
    fields.forEach(([apiKey, label, fieldType, options = {}], index) => {
      const field: FieldRec = {
        id: `fld-${itemType.apiKey}-${apiKey}`,
        itemTypeId: itemType.id,
        apiKey,
        label,
        fieldType,
        required: options.required ?? false,
        localized: options.localized ?? false,
        position: index + 1,
        linkedItemTypeIds: options.links ?? [],
        linkStrategies: { ...options.strategies },
        blockItemTypeIds: options.blocks ?? [],
      };
      store.fields.set(field.id, field);
    });
  }
  store.itemsChanged();
}
