import { useEffect, useState } from 'react';
import type { RenderConfigScreenCtx } from 'datocms-plugin-sdk';
import { Button, Canvas, FieldGroup, Form, Section, TextField } from 'datocms-react-ui';
import { LabelledSwitchField } from '../ui/LabelledSwitchField';
import { BULK_ACTIONS, type BulkActionId } from '../actions/catalog';
import {
  MAX_JOBS_IN_FLIGHT,
  MAX_PARAMETERS_BYTES,
  parametersBytes,
  readParameters,
  type PluginParameters,
} from '../config/parameters';
import { readCmaAccess } from '../cma/access';
import { MAX_CHUNK_SIZE } from '../cma/limits';
import { loadProjectRoles, roleChoices, toggleRole, type RoleOption } from '../config/projectRoles';
import { messageOf } from '../engine/messageOf';

type Props = { ctx: RenderConfigScreenCtx };

type RolesState =
  | { status: 'loading' }
  | { status: 'ready'; roles: RoleOption[] }
  | { status: 'error'; message: string };

/** The project's roles (GET /roles with the user's token); needed to name them. */
function useProjectRoles(ctx: RenderConfigScreenCtx): RolesState {
  const access = readCmaAccess(ctx);
  const token = access?.apiToken;
  const environment = access?.environment;
  const baseUrl = access?.baseUrl;
  const [state, setState] = useState<RolesState>({ status: 'loading' });
  useEffect(() => {
    if (!token || !environment || !baseUrl) return;
    let live = true;
    loadProjectRoles({ apiToken: token, environment, baseUrl }).then(
      (roles) => live && setState({ status: 'ready', roles }),
      (e: unknown) => live && setState({ status: 'error', message: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [token, environment, baseUrl]);
  if (!token)
    return {
      status: 'error',
      message: 'the plugin needs the “Access the current user’s API token” permission to list them',
    };
  return state;
}

function toInt(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
}

/** Plugin settings: saved with updatePluginParameters, only by roles that may edit the schema. */
export function ConfigScreen({ ctx }: Props) {
  const reading = readParameters(ctx.plugin.attributes.parameters);
  const [draft, setDraft] = useState<PluginParameters>(reading.parameters);
  const [chunkText, setChunkText] = useState(String(reading.parameters.chunkSize));
  const [slotsText, setSlotsText] = useState(String(reading.parameters.jobsInFlight));
  const [thresholdText, setThresholdText] = useState(
    String(reading.parameters.typedConfirmationThreshold),
  );
  const [presetsText, setPresetsText] = useState(reading.parameters.tagPresets.join(', '));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const canSave = ctx.currentRole.meta.final_permissions.can_edit_schema;
  const roles = useProjectRoles(ctx);

  const candidate = readParameters({
    ...draft,
    chunkSize: toInt(chunkText),
    jobsInFlight: toInt(slotsText),
    typedConfirmationThreshold: toInt(thresholdText),
    tagPresets: presetsText
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  });
  // The field each problem names (“chunkSize”, …), to show the error next to it.
  const errors = new Set(candidate.problems.map((p) => p.match(/“([\w.]+)”/)?.[1] ?? 'settings'));
  const bytes = parametersBytes(candidate.parameters);
  const tooBig = bytes > MAX_PARAMETERS_BYTES;

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await ctx.updatePluginParameters({ ...candidate.parameters });
      await ctx.notice('Bulk Actions settings saved.');
    } catch (e) {
      // Nothing was stored: say so, and keep the form as it is so nothing typed is lost.
      setSaveError(
        `The settings were not saved: ${messageOf(e)}. Your changes are still in the form; try again, or reload to see what is stored.`,
      );
    } finally {
      setSaving(false);
    }
  };

  const setEnabled = (id: BulkActionId, value: boolean) =>
    setDraft((d) => ({ ...d, enabledActions: { ...d.enabledActions, [id]: value } }));

  return (
    <Canvas ctx={ctx}>
      <Form onSubmit={() => void save()}>
        {reading.problems.length > 0 && (
          <div role="alert" data-testid="config-problems">
            <p>
              <strong>The stored settings needed repair.</strong> The values below are what the
              plugin uses now; save to store them.
            </p>
            <ul>
              {reading.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <Section title="Actions">
          <FieldGroup>
            {BULK_ACTIONS.map((action) => (
              <LabelledSwitchField
                key={action.id}
                id={`enabled-${action.id}`}
                label={`${action.surface === 'uploads' ? 'Media Area' : 'Records'}: ${action.title}`}
                value={draft.enabledActions[action.id]}
                onChange={(value) => setEnabled(action.id, value)}
              />
            ))}
          </FieldGroup>
        </Section>
        <Section title="Throughput">
          <FieldGroup>
            <TextField
              id="chunkSize"
              name="chunkSize"
              label="Items per bulk call"
              hint={`1 to ${MAX_CHUNK_SIZE}; DatoCMS accepts at most ${MAX_CHUNK_SIZE} records per bulk request.`}
              value={chunkText}
              error={
                errors.has('chunkSize')
                  ? `Enter a whole number from 1 to ${MAX_CHUNK_SIZE}.`
                  : undefined
              }
              onChange={setChunkText}
            />
            <TextField
              id="jobsInFlight"
              name="jobsInFlight"
              label="Bulk jobs in flight"
              hint={`1 to ${MAX_JOBS_IN_FLIGHT}; more jobs at once finish sooner but share the API rate limit.`}
              value={slotsText}
              error={
                errors.has('jobsInFlight')
                  ? `Enter a whole number from 1 to ${MAX_JOBS_IN_FLIGHT}.`
                  : undefined
              }
              onChange={setSlotsText}
            />
          </FieldGroup>
        </Section>
        <Section title="Safety">
          <FieldGroup>
            <TextField
              id="typedConfirmationThreshold"
              name="typedConfirmationThreshold"
              label="Ask for a typed confirmation above this many items"
              hint="Applies to destructive actions. 0 asks every time."
              value={thresholdText}
              error={
                errors.has('typedConfirmationThreshold')
                  ? 'Enter a whole number, 0 or more.'
                  : undefined
              }
              onChange={setThresholdText}
            />
            <LabelledSwitchField
              id="allowDeletingInUseAssets"
              label="Allow deleting assets that records still use"
              hint="Off: assets that records use are left out of a deletion and listed. On: they are deleted too. DatoCMS deletes an asset even while records use it; those records keep pointing at it and show a missing asset until someone picks another one."
              value={draft.allowDeletingInUseAssets}
              onChange={(value) => setDraft((d) => ({ ...d, allowDeletingInUseAssets: value }))}
            />
          </FieldGroup>
        </Section>
        <Section title="Who may run destructive actions">
          <p id="destructive-roles-hint">
            Deleting assets and records is offered only to the roles switched on here (and only when
            their permissions allow it). With none switched on, every role whose permissions allow
            it may.
          </p>
          {roles.status === 'loading' && <p>Loading the project’s roles…</p>}
          {roles.status === 'error' && (
            <p role="alert" data-testid="config-roles-error">
              Could not list the roles: {roles.message}. Stored role ids:{' '}
              {draft.destructiveRoleIds.join(', ') || 'none'}.
            </p>
          )}
          {roles.status === 'ready' && (
            <FieldGroup>
              {roleChoices(roles.roles, draft.destructiveRoleIds).map((role) => (
                <LabelledSwitchField
                  key={role.id}
                  id={`destructive-role-${role.id}`}
                  label={role.name}
                  hint={
                    role.missing
                      ? 'This id matches no role of the project any more; switch it off to remove it.'
                      : undefined
                  }
                  value={role.checked}
                  onChange={(on) =>
                    setDraft((d) => ({
                      ...d,
                      destructiveRoleIds: toggleRole(d.destructiveRoleIds, role.id, on),
                    }))
                  }
                />
              ))}
            </FieldGroup>
          )}
        </Section>
        <Section title="Tags">
          <TextField
            id="tagPresets"
            name="tagPresets"
            label="Tag presets"
            hint="Comma-separated; offered first when adding or removing tags."
            value={presetsText}
            onChange={setPresetsText}
          />
        </Section>
        {!canSave && (
          <p role="note">Only roles that can edit the schema can change these settings.</p>
        )}
        <p
          data-testid="config-size"
          role={tooBig ? 'alert' : undefined}
          style={tooBig ? { color: 'var(--alert-color)' } : undefined}
        >
          {tooBig
            ? `These settings take ${bytes.toLocaleString('en')} bytes; DatoCMS stores at most ${MAX_PARAMETERS_BYTES.toLocaleString('en')} bytes of plugin settings (10 KB, measured as UTF-8 JSON). Remove some tag presets or role ids to save.`
            : `Size: ${bytes.toLocaleString('en')} of ${MAX_PARAMETERS_BYTES.toLocaleString('en')} bytes (DatoCMS's 10 KB limit for plugin settings, as UTF-8 JSON).`}
        </p>
        {saveError && (
          <p role="alert" data-testid="config-save-error">
            {saveError}
          </p>
        )}
        <Button
          type="submit"
          buttonType="primary"
          disabled={!canSave || saving || errors.size > 0 || tooBig}
        >
          Save settings
        </Button>
      </Form>
    </Canvas>
  );
}
