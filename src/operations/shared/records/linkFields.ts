/**
 * Fields that link to records, with what DatoCMS does to them when a linked record is deleted
 * or unpublished: the `on_reference_delete_strategy` / `on_reference_unpublish_strategy` of the
 * field's `item_item_type`, `items_item_type` or `structured_text_links` validator (RawApiTypes
 * field validators; defaults from the client's `fieldTypes/validators/*.ts`).
 */
import type { RawEntity } from '../../../cma/fetchByIds';

export type DeleteStrategy = 'fail' | 'delete_references';
export type UnpublishStrategy = 'fail' | 'unpublish' | 'delete_references';

export type LinkField = {
  readonly id: string;
  readonly apiKey: string;
  readonly label: string;
  readonly type: 'link' | 'links' | 'structured_text';
  /** The model or block model holding the field. */
  readonly ownerId: string;
  readonly ownerName: string;
  readonly ownerIsBlock: boolean;
  readonly localized: boolean;
  /** A `required` validator: removing its last link fails. */
  readonly required: boolean;
  readonly targets: readonly string[];
  readonly onDelete: DeleteStrategy;
  readonly onUnpublish: UnpublishStrategy;
};

const VALIDATOR = {
  link: 'item_item_type',
  links: 'items_item_type',
  structured_text: 'structured_text_links',
} as const;

/** The unpublish default differs: `fail` for link fields, `delete_references` in structured text. */
const UNPUBLISH_DEFAULT = {
  link: 'fail',
  links: 'fail',
  structured_text: 'delete_references',
} as const;

export function parseLinkField(field: RawEntity, owner: RawEntity | undefined): LinkField | null {
  const a = field.attributes ?? {};
  const type = a.field_type;
  if (type !== 'link' && type !== 'links' && type !== 'structured_text') return null;
  const validators = (a.validators ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const v = validators[VALIDATOR[type]];
  if (!v) return null;
  const targets = Array.isArray(v.item_types)
    ? v.item_types.filter((t): t is string => typeof t === 'string')
    : [];
  const ownerId =
    (field.relationships?.item_type?.data as { id?: string } | null | undefined)?.id ??
    owner?.id ??
    '';
  const onDelete = v.on_reference_delete_strategy === 'fail' ? 'fail' : 'delete_references';
  const u = v.on_reference_unpublish_strategy;
  const onUnpublish =
    u === 'fail' || u === 'unpublish' || u === 'delete_references' ? u : UNPUBLISH_DEFAULT[type];
  return {
    id: field.id,
    apiKey: String(a.api_key ?? field.id),
    label: String(a.label ?? a.api_key ?? field.id),
    type,
    ownerId,
    ownerName: String(owner?.attributes?.name ?? ownerId),
    ownerIsBlock: owner?.attributes?.modular_block === true,
    localized: a.localized === true,
    required: validators.required !== undefined && validators.required !== null,
    targets,
    onDelete,
    onUnpublish,
  };
}

/** How a preview names a field: “Article › Author”, or for a block “Related block › Item”. */
export const fieldName = (f: LinkField): string =>
  f.ownerName ? `${f.ownerName} › ${f.label}` : f.label;
