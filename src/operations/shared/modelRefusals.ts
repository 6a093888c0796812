import type { ModelTraits } from './flowPolicy';

/** Publish and unpublish need draft/published states. */
export function refuseWithoutDraftMode(model: ModelTraits): string | null {
  return model.draftMode
    ? null
    : 'This model has no draft/published states: its records are always live, so there is nothing to publish or unpublish.';
}
