/** Asset operations shared by the per-asset endpoints and the bulk jobs. */
import { insufficientPermissions, invalidField, notFound, SimError } from '../errors';
import { canOnUploads, type UploadAction } from '../roles';
import type { UploadRec } from '../types';
import { failIfInjected, nowIso, type OpContext } from './context';

export function requireUpload(ctx: OpContext, id: string): UploadRec {
  const upload = ctx.store.uploads.get(id);
  if (!upload) throw notFound({ type: 'upload', id });
  return upload;
}

export function assertUploadPermission(ctx: OpContext, action: UploadAction): void {
  if (!canOnUploads(ctx.role, action, ctx.environment))
    throw insufficientPermissions(action, 'upload');
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
  if (upload.collectionId === collectionId) return;
  upload.collectionId = collectionId;
  touchUpload(ctx, upload);
}

/** Assets used by records cannot be deleted (DELETE_RESTRICTION, naming the records). */
export function destroyUpload(ctx: OpContext, id: string): UploadRec {
  const upload = requireUpload(ctx, id);
  failIfInjected(ctx, id);
  const usedBy = ctx.store.usedBy(id);
  if (usedBy.length > 0) {
    throw new SimError(422, 'DELETE_RESTRICTION', {
      type: 'upload',
      id,
      message: 'The asset is used by records',
      references: usedBy.slice(0, 50),
      references_count: usedBy.length,
    });
  }
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
  alt?: string | null;
  title?: string | null;
};

export function updateUpload(ctx: OpContext, id: string, patch: UploadPatch): UploadRec {
  const upload = requireUpload(ctx, id);
  failIfInjected(ctx, id);
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
  if (patch.alt !== undefined) upload.alt = patch.alt;
  if (patch.title !== undefined) upload.title = patch.title;
  touchUpload(ctx, upload);
  return upload;
}
