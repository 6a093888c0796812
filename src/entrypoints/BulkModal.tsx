import { flowPolicyFor } from '../operations/flowPolicies';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { Button, Canvas, Spinner } from 'datocms-react-ui';
import { findAction } from '../actions/catalog';
import { actionAvailability } from '../actions/menu';
import { readCmaAccess, MISSING_TOKEN_MESSAGE } from '../cma/access';
import { readParameters } from '../config/parameters';
import type { RoleLike } from '../config/permissions';
import { runLauncherFor } from '../flow/runLauncherForSession';
import { frameRunScope } from '../runtime/frameScope';
import { BulkFlowView } from '../ui/bulk/BulkFlowView';
import { ModelGate } from '../ui/bulk/ModelGate';
import { actorFrom, needsCreatorRoles, needsStages } from '../ui/bulk/permissionView';
import type { RecordModel } from '../ui/bulk/recordModel';
import { frameSession } from '../ui/bulk/frameSession';
import { useLoad } from '../ui/hooks/useLoad';
import { LazyReorderCollections as ReorderCollections } from '../ui/reorder/LazyReorderCollections';
import { readModalParameters } from './modalParameters';

/** The bulk modal: scope → input → preview → confirm → live progress → report. */
export function BulkModal({ ctx }: { ctx: RenderModalCtx }) {
  const parameters = readModalParameters(ctx.parameters);
  const action = parameters ? findAction(parameters.actionId) : undefined;
  const access = readCmaAccess(ctx);
  const apiToken = access?.apiToken;
  const environment = access?.environment;
  const baseUrl = access?.baseUrl;
  const siteId = ctx.site.id;
  const bootId = parameters?.bootId ?? '';
  const role = ctx.currentRole as unknown as RoleLike;
  const pluginId = ctx.plugin.id;
  const session = useMemo(() => {
    const runScope = frameRunScope(ctx);
    return runScope
      ? frameSession(ctx, runScope, bootId, {
          resource: action?.surface === 'items' ? 'items' : 'uploads',
          locales: ctx.site.attributes.locales,
        })
      : null;
    // The role object is re-sent on every ctx change; its identity does not matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [apiToken, environment, baseUrl, siteId, pluginId, bootId, action?.surface]);
  useEffect(() => () => session?.close(), [session]);
  // Retry and Undo from the report go through the launcher: Undo covers the runs retried too.
  const launcher = useMemo(
    () => (session ? runLauncherFor(session, session.bootId) : null),
    [session],
  );
  const settings = readParameters(ctx.plugin.attributes.parameters).parameters;
  // Checked once, when the modal opens (the menu may be stale); a role change mid-run must
  // not take the progress away.
  const [availability] = useState(() =>
    action
      ? actionAvailability(action, {
          parameters: settings,
          role,
          environment: ctx.environment,
          itemTypeId: parameters?.itemTypeId ?? undefined,
        })
      : null,
  );

  // Who acts: creator-scoped rules compare a record's creator with the user, or with the users
  // of the same role (their roles read with ctx.loadUsers only when a rule needs them).
  const wantsUsers = !!action && needsCreatorRoles(role, action.id);
  const users = useLoad(
    useCallback(
      () =>
        wantsUsers
          ? Promise.all([ctx.loadUsers(), ctx.loadSsoUsers()]).then(
              ([u, sso]) => [...u, ...sso],
              () => [],
            )
          : Promise.resolve([]),
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [wantsUsers],
    ),
  );
  const actor = actorFrom(
    ctx.currentUser as { id: string; type: string },
    role,
    users.status === 'ready' ? (users.value as never[]) : [],
  );

  const close = () => void ctx.resolve(null);
  const flow = (model: RecordModel | null) =>
    action && parameters && session && launcher ? (
      <BulkFlowView
        action={action}
        selectedIds={parameters.ids}
        session={session}
        launcher={launcher}
        settings={settings}
        model={model}
        role={role}
        environment={{ name: ctx.environment, primary: ctx.isEnvironmentPrimary }}
        locales={ctx.site.attributes.locales}
        actor={actor}
        onClose={close}
      />
    ) : null;

  let body;
  if (!parameters || !action) {
    body = (
      <>
        <p role="alert">This modal was opened without a valid bulk action.</p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (availability && !availability.available) {
    body = (
      <>
        <p role="alert" data-testid="bulk-not-available">
          {action.title} is not available: {availability.reason}.
        </p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (!session) {
    body = (
      <>
        <p role="alert">{MISSING_TOKEN_MESSAGE}</p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (flowPolicyFor(action.id).modal === 'collectionTree') {
    body = (
      <ReorderCollections
        session={session}
        role={role}
        environment={ctx.environment}
        primary={ctx.isEnvironmentPrimary}
        jobsInFlight={settings.jobsInFlight}
        onClose={close}
      />
    );
  } else if (action.surface === 'items') {
    body = (
      <ModelGate
        session={session}
        actionId={action.id}
        withStages={needsStages(role, action.id)}
        itemTypeId={parameters.itemTypeId}
        count={parameters.ids.length}
        onClose={close}
      >
        {(model) => flow(model)}
      </ModelGate>
    );
  } else {
    body = flow(null);
  }
  return (
    <Canvas ctx={ctx}>
      <div data-testid="bulk-modal">{body ?? <Spinner size={24} />}</div>
    </Canvas>
  );
}
