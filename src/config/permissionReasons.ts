/** Sentences for per-item permission verdicts: which rule forbids it, or what the role may do. */
import type { PermissionVerdict } from './itemPermissions';
import type { PermissionRule } from './permissions';

export type NameKind = 'model' | 'workflow' | 'stage' | 'collection';
/** Names ids for the sentence; falls back to the id. */
export type Names = (kind: NameKind, id: string) => string | undefined;

const quoted = (names: Names | undefined, kind: NameKind, id: string) =>
  `“${names?.(kind, id) ?? id}”`;

/** The scope of a rule, as words after the noun ("assets in the collection “Press”…"). */
export function describeScope(rule: PermissionRule, names?: Names): string {
  const parts: string[] = [];
  if (rule.item_type) parts.push(`of the model ${quoted(names, 'model', rule.item_type)}`);
  if (rule.workflow) parts.push(`in the workflow ${quoted(names, 'workflow', rule.workflow)}`);
  if (rule.on_stage) parts.push(`in the stage ${quoted(names, 'stage', rule.on_stage)}`);
  if (rule.to_stage) parts.push(`to the stage ${quoted(names, 'stage', rule.to_stage)}`);
  if (rule.upload_collection)
    parts.push(
      `in the collection ${quoted(names, 'collection', rule.upload_collection)} (or one inside it)`,
    );
  if (rule.move_to_upload_collection)
    parts.push(
      `into the collection ${quoted(names, 'collection', rule.move_to_upload_collection)} (or one inside it)`,
    );
  if (rule.on_creator === 'self') parts.push('created by you');
  if (rule.on_creator === 'role') parts.push('created by users with your role');
  if (rule.localization_scope === 'localized' && rule.locale)
    parts.push(`(their ${rule.locale} content)`);
  if (rule.localization_scope === 'not_localized') parts.push('(their non-localized fields)');
  return parts.join(' ');
}

function partName(part: string): string {
  if (part === 'non_localized') return 'its non-localized fields';
  if (part.startsWith('locale:')) return `its ${part.slice('locale:'.length)} content`;
  return 'all of its content';
}

/**
 * "Your role may not delete assets in the collection “Archive” (or one inside it)." / "Your role
 * may publish only records in the stage “Approved”." / unknown: it depends on the creator.
 */
export function describeVerdict(
  verdict: Exclude<PermissionVerdict, { kind: 'allowed' }>,
  /** e.g. "delete", "publish", "move" */
  verb: string,
  /** e.g. "assets", "records" */
  noun: string,
  names?: Names,
): string {
  const unsure =
    ', and who created it could not be checked: DatoCMS decides when the run reaches it.';
  if (verdict.forbiddenBy) {
    const scope = describeScope(verdict.forbiddenBy, names);
    const sentence = `Your role may not ${verb} ${noun}${scope ? ` ${scope}` : ''}`;
    return verdict.kind === 'unknown' ? `${sentence}${unsure}` : `${sentence}.`;
  }
  const scopes = [...new Set(verdict.grantedOnlyBy.map((r) => describeScope(r, names)))];
  if (scopes.length === 0) return `Your role may not ${verb} ${noun}.`;
  const only = scopes.includes('')
    ? // An unscoped rule exists: what is missing is a part of the content.
      `Your role may not ${verb} ${partName(verdict.uncoveredPart ?? '*')}`
    : `Your role may ${verb} only ${noun} ${scopes.join(', or ')}`;
  return verdict.kind === 'unknown' ? `${only}${unsure}` : `${only}.`;
}
