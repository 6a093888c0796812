/** A model as the record actions need it: draft mode, tree, workflow stages and its fields. */
import type { RawEntity } from '../../cma/fetchByIds';

export type ModelField = {
  readonly apiKey: string;
  readonly label: string;
  readonly type: string;
  /** One value per locale: conditions on it match the chosen locale (GET /items `locale`). */
  readonly localized?: boolean;
  /** Link fields: the models their records may come from. */
  readonly targets?: readonly string[];
};

export type RecordModel = {
  readonly id: string;
  readonly name: string;
  readonly draftMode: boolean;
  readonly tree: boolean;
  /** The model's workflow (null: none), for workflow-scoped role rules. */
  readonly workflowId: string | null;
  readonly fields: readonly ModelField[];
  /** The workflow's stages, in order; empty when the model has no workflow. */
  readonly stages: readonly { readonly id: string; readonly name: string }[];
};

export const LINK_TYPES = new Set(['link', 'links']);

/** The models a link field accepts, from its validators (`item_item_type` / `items_item_type`). */
export function linkTargets(fieldAttributes: Record<string, unknown>): string[] {
  const v = (fieldAttributes.validators ?? {}) as Record<
    string,
    { item_types?: unknown } | undefined
  >;
  const types = v.item_item_type?.item_types ?? v.items_item_type?.item_types;
  return Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : [];
}

export function parseModel(
  itemType: RawEntity,
  fields: readonly RawEntity[],
  workflow: RawEntity | null,
): RecordModel {
  const a = itemType.attributes ?? {};
  const stages = Array.isArray(workflow?.attributes?.stages)
    ? (workflow.attributes.stages as { id?: unknown; name?: unknown }[]).flatMap((s) =>
        typeof s.id === 'string'
          ? [{ id: s.id, name: typeof s.name === 'string' ? s.name : s.id }]
          : [],
      )
    : [];
  return {
    id: itemType.id,
    name: typeof a.name === 'string' ? a.name : itemType.id,
    draftMode: a.draft_mode_active !== false,
    tree: a.tree === true,
    workflowId: (itemType.relationships?.workflow?.data as { id?: string } | null)?.id ?? null,
    fields: fields
      .map((f) => {
        const type = String(f.attributes?.field_type ?? '');
        return {
          apiKey: String(f.attributes?.api_key ?? f.id),
          label: String(f.attributes?.label ?? f.attributes?.api_key ?? f.id),
          type,
          position: Number(f.attributes?.position ?? 0),
          ...(f.attributes?.localized === true ? { localized: true } : {}),
          ...(LINK_TYPES.has(type) ? { targets: linkTargets(f.attributes ?? {}) } : {}),
        };
      })
      .sort((x, y) => x.position - y.position)
      .map(({ position: _position, ...field }) => field),
    stages,
  };
}

export const linkFieldKeys = (model: RecordModel): string[] =>
  model.fields.filter((f) => LINK_TYPES.has(f.type)).map((f) => f.apiKey);
