/** What a destructive run's confirm step offers to keep first: assets' metadata, or the records. */
import type { ActionSurface } from '../../actions/catalog';
import type { RawEntity } from '../../cma/fetchByIds';
import { assetMetadataFile, recordsFile } from './assetMetadata';

export function exportWhat(surface: ActionSurface): string {
  return surface === 'uploads'
    ? 'the assets’ metadata (filename, URL, tags, collection, alt and title…)'
    : 'the records with every field value (JSON:API, as the API returns them)';
}

export function exportFormats(surface: ActionSurface): ('csv' | 'json')[] {
  return surface === 'uploads' ? ['csv', 'json'] : ['json'];
}

export function exportFile(
  surface: ActionSurface,
  entities: readonly RawEntity[],
  format: 'csv' | 'json',
  now = new Date(),
): { name: string; type: string; text: string } {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return surface === 'uploads'
    ? assetMetadataFile(entities, format, stamp)
    : recordsFile(entities, stamp);
}
