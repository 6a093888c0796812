/** The demo project's schema: models, fields and the editorial workflow. Shared by both seeds. */
import type { Store } from '../store';
import type { FieldRec, FieldType, ItemTypeRec, WorkflowRec } from '../types';

export const MODEL_IDS = {
  author: 'it-author',
  category: 'it-category',
  article: 'it-article',
  product: 'it-product',
  pressRelease: 'it-press-release',
  page: 'it-page',
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

type FieldSpec = [
  apiKey: string,
  label: string,
  type: FieldType,
  required?: boolean,
  links?: string[],
];

const MODELS: { itemType: ItemTypeRec; fields: FieldSpec[] }[] = [
  {
    itemType: model(MODEL_IDS.author, 'author', 'Author', { titleFieldApiKey: 'name' }),
    fields: [
      ['name', 'Name', 'string', true],
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
      ['name', 'Name', 'string', true],
      ['slug', 'Slug', 'slug'],
    ],
  },
  {
    itemType: model(MODEL_IDS.article, 'article', 'Article', { titleFieldApiKey: 'title' }),
    fields: [
      ['title', 'Title', 'string', true],
      ['slug', 'Slug', 'slug'],
      ['body', 'Body', 'text'],
      ['cover', 'Cover image', 'file'],
      ['gallery', 'Gallery', 'gallery'],
      ['author', 'Author', 'link', false, [MODEL_IDS.author]],
      ['category', 'Category', 'link', false, [MODEL_IDS.category]],
    ],
  },
  {
    itemType: model(MODEL_IDS.product, 'product', 'Product', { titleFieldApiKey: 'name' }),
    fields: [
      ['name', 'Name', 'string', true],
      ['sku', 'SKU', 'string', true],
      ['price', 'Price', 'float'],
      ['description', 'Description', 'text'],
      ['images', 'Images', 'gallery'],
      ['related', 'Related products', 'links', false, [MODEL_IDS.product]],
    ],
  },
  {
    itemType: model(MODEL_IDS.pressRelease, 'press_release', 'Press release', {
      workflowId: EDITORIAL_WORKFLOW.id,
      titleFieldApiKey: 'title',
    }),
    fields: [
      ['title', 'Title', 'string', true],
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
      ['title', 'Title', 'string', true],
      ['body', 'Body', 'text'],
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
    draftModeActive: true,
    tree: false,
    sortable: false,
    workflowId: null,
    titleFieldApiKey: null,
    ...options,
  };
}

export function seedSchema(store: Store): void {
  store.workflows.set(EDITORIAL_WORKFLOW.id, structuredClone(EDITORIAL_WORKFLOW));
  for (const { itemType, fields } of MODELS) {
    store.itemTypes.set(itemType.id, { ...itemType });
    fields.forEach(([apiKey, label, fieldType, required = false, links = []], index) => {
      const field: FieldRec = {
        id: `fld-${itemType.apiKey}-${apiKey}`,
        itemTypeId: itemType.id,
        apiKey,
        label,
        fieldType,
        required,
        position: index + 1,
        linkedItemTypeIds: links,
      };
      store.fields.set(field.id, field);
    });
  }
  store.itemsChanged();
}
