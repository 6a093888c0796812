/** What Undo restores, and what it cannot, per operation: shown above the report's Undo. */
const UNDO_NOTES: Partial<Record<string, string>> = {
  'items.publish':
    'Undo unpublishes the records this run published that were drafts before. Records that had an earlier published version are left as they are: that version cannot be restored.',
  'items.unpublish':
    'Undo publishes again the records this run unpublished that were published with no newer draft. Records that had a newer draft are left as drafts: publishing them would put that draft live, not the version that was.',
  'items.moveToStage': 'Undo moves every record this run moved back to the stage it was in.',
  'uploadCollections.reorder':
    'Undo puts back the previous positions and parents of the collections this run moved.',
};

export function undoNoteFor(operationId: string): string | null {
  return UNDO_NOTES[operationId] ?? null;
}
