/** Asset operations shared by the per-asset endpoints and the bulk jobs. */
import { insufficientPermissions, invalidField, notFound } from '../errors';
import {
  canOnUpload,
  mayEverOnUploads,
  type ContentScope,
  type UploadAction,
} from '../permissions';
import { OWNER } from '../roles';
import type { UploadRec } from '../types';
import { failIfInjected, nowIso, type OpContext } from './context';

export function requireUpload(ctx: OpContext, id: string): UploadRec {
  const upload = ctx.store.uploads.get(id);
  if (!upload) throw notFound({ type: 'upload', id });
  return upload;
}

/** Request level: may the role do this to some asset here? (else the whole request is 403) */
export function assertUploadPermission(ctx: OpContext, action: UploadAction): void {
  if (!mayEverOnUploads(ctx.credential, action, ctx.environment)) {
    throw insufficientPermissions(action, 'upload');
  }
}

const NOT_LOCALIZED: ContentScope[] = [{ kind: 'not_localized' }];

/** Asset level: the rules scoped by collection, creator, destination and content. */
export function assertOnUpload(
  ctx: OpContext,
  upload: UploadRec,
  action: UploadAction,
  options: { destination?: string | null; scopes?: ContentScope[] } = {},
): void {
  const allowed = canOnUpload(ctx.credential, {
    action,
    environment: ctx.environment,
    subject: { collectionId: upload.collectionId, creator: upload.creator ?? OWNER },
    ...(options.destination !== undefined ? { destination: options.destination } : {}),
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  if (!allowed) {
    throw insufficientPermissions(action, `upload:${upload.id}`);
  }
}

/** Tags must be non-blank strings; duplicates collapse. */
export function checkTags(tags: readonly string[]): string[] {
  tags.forEach((tag, index) => {
    if (tag.trim() === '') {
      throw invalidField('tags', 'VALIDATION_FORMAT', { index, message: 'tags cannot be blank' });
    }
  });
  return [...new Set(tags)];
}

export function checkCollection(ctx: OpContext, collectionId: string | null): void {
  if (collectionId !== null && !ctx.store.collections.has(collectionId)) {
    throw invalidField('upload_collection', 'VALIDATION_INVALID', {
      message: `upload collection ${collectionId} does not exist`,
    });
  }
}

function touchUpload(ctx: OpContext, upload: UploadRec): void {
  upload.updatedAt = nowIso();
  ctx.store.touch();
}

export function addTags(ctx: OpContext, id: string, tags: readonly string[]): void {
  const upload = requireUpload(ctx, id);
  failIfInjected(ctx, id);
  assertOnUpload(ctx, upload, 'update', { scopes: NOT_LOCALIZED });
  const missing = tags.filter((tag) => !upload.tags.includes(tag));
  if (missing.length === 0) return;
  upload.tags.push(...missing);
  missing.forEach((tag) => ctx.store.ensureTag(tag));
  touchUpload(ctx, upload);
}

export function setCollection(ctx: OpContext, id: string, collectionId: string | null): void {
  const upload = requireUpload(ctx, id);
  failIfInjected(ctx, id);
  checkCollection(ctx, collectionId);
  // Already there: nothing moves, so no move rule applies (an idempotent success).
  if (upload.collectionId === collectionId) return;
  // Moving is its own action, scoped by the collection left and `move_to_upload_collection`.
  assertOnUpload(ctx, upload, 'move', { destination: collectionId });
  upload.collectionId = collectionId;
  touchUpload(ctx, upload);
}

/**
 * Assets still used by records are deleted too: "destroy() will succeed even if records still
 * reference upload, and those references will silently render as 'missing asset'" (agent-skills
 * `uploads.md`). The records keep their `upload_id`s.
 */
export function destroyUpload(ctx: OpContext, id: string): UploadRec {
  const upload = requireUpload(ctx, id);
  failIfInjected(ctx, id);
  assertOnUpload(ctx, upload, 'delete');
  ctx.store.uploads.delete(id);
  ctx.store.touch();
  return upload;
}

export type UploadPatch = {
  tags?: string[];
  collectionId?: string | null;
  basename?: string;
  notes?: string | null;
  author?: string | null;
  copyright?: string | null;
  /** default_field_metadata.alt / .title by locale. */
  alt?: Record<string, string | null>;
  title?: Record<string, string | null>;
};

/** What an update touches: `update` per content scope, and `move` when the collection changes. */
export function assertUpdatePermission(
  ctx: OpContext,
  upload: UploadRec,
  patch: UploadPatch,
): void {
  const nonLocalized = ['tags', 'basename', 'notes', 'author', 'copyright'].some(
    (key) => patch[key as keyof UploadPatch] !== undefined,
  );
  const locales = new Set([...Object.keys(patch.alt ?? {}), ...Object.keys(patch.title ?? {})]);
  const scopes: ContentScope[] = [
    ...(nonLocalized ? NOT_LOCALIZED : []),
    ...[...locales].map((locale) => ({ kind: 'localized' as const, locale })),
  ];
  if (scopes.length > 0) assertOnUpload(ctx, upload, 'update', { scopes });
  if (patch.collectionId !== undefined && patch.collectionId !== upload.collectionId) {
    assertOnUpload(ctx, upload, 'move', { destination: patch.collectionId });
  }
  for (const locale of locales) {
    if (!ctx.store.locales.includes(locale)) {
      throw invalidField('default_field_metadata', 'INVALID_LOCALES', { locale });
    }
  }
}

export function updateUpload(ctx: OpContext, id: string, patch: UploadPatch): UploadRec {
  const upload = requireUpload(ctx, id);
  failIfInjected(ctx, id);
  assertUpdatePermission(ctx, upload, patch);
  if (patch.collectionId !== undefined) checkCollection(ctx, patch.collectionId);
  if (patch.tags !== undefined) {
    upload.tags = checkTags(patch.tags);
    upload.tags.forEach((tag) => ctx.store.ensureTag(tag));
  }
  if (patch.collectionId !== undefined) upload.collectionId = patch.collectionId;
  if (patch.basename !== undefined) {
    upload.basename = patch.basename;
    upload.filename = `${patch.basename}.${upload.format}`;
  }
  if (patch.notes !== undefined) upload.notes = patch.notes;
  if (patch.author !== undefined) upload.author = patch.author;
  if (patch.copyright !== undefined) upload.copyright = patch.copyright;
  const main = ctx.store.mainLocale;
  for (const [key, values] of [
    ['alt', patch.alt],
    ['title', patch.title],
  ] as const) {
    for (const [locale, value] of Object.entries(values ?? {})) {
      if (locale === main) upload[key] = value;
      else
        upload.metadata = {
          ...upload.metadata,
          [locale]: { ...upload.metadata?.[locale], [key]: value },
        };
    }
  }
  touchUpload(ctx, upload);
  return upload;
}
