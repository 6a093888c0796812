/**
 * The plugin's only connect(). DatoCMS loads this file in every iframe, including a hidden,
 * long-lived boot frame on every CMS page, so it imports nothing heavy: each render mode is
 * lazy-loaded, and React, the CMA client and the UI stay out of the boot bundle.
 */
import { connect, type DropdownAction, type Item, type Upload } from 'datocms-plugin-sdk';
import { findAction } from './actions/catalog';
import { actionAvailability, buildMenu, type MenuEntry } from './actions/menu';
import { readParameters } from './config/parameters';
import { MISSING_TOKEN_MESSAGE } from './cma/access';
import type { BulkModalParameters } from './entrypoints/modalParameters';
import { createBootScopes } from './runtime/bootScopes';
import type { BootFrameCtx } from './runtime/startBootRunner';

/** Names this tab's boot frame, so a modal's run starts in the tab that opened it. */
const bootId =
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;

type ItemTypeLike = {
  id: string;
  relationships?: { workflow?: { data: { id: string } | null } };
};

type BootCtx = {
  plugin: { attributes: { parameters: unknown } };
  /** The models the CMS has loaded, by id (for a model's workflow). */
  itemTypes?: Partial<Record<string, ItemTypeLike>>;
  currentRole: unknown;
  environment: string;
  currentUserAccessToken?: string | undefined;
  alert(message: string): Promise<void>;
  openModal(modal: {
    id: string;
    title?: string;
    width?: 's' | 'm' | 'l' | 'xl' | 'fullWidth' | number;
    parameters?: Record<string, unknown>;
  }): Promise<unknown>;
};

/** A model's workflow: null when it has none, undefined when the model is not known. */
function workflowOf(itemType: ItemTypeLike | undefined): string | null | undefined {
  if (!itemType) return undefined;
  return itemType.relationships?.workflow?.data?.id ?? null;
}

function menuContext(ctx: BootCtx, itemTypeId?: string, itemType?: ItemTypeLike) {
  const workflowId = workflowOf(itemType ?? (itemTypeId ? ctx.itemTypes?.[itemTypeId] : undefined));
  return {
    parameters: readParameters(ctx.plugin.attributes.parameters).parameters,
    role: ctx.currentRole as never,
    environment: ctx.environment,
    itemTypeId,
    ...(workflowId !== undefined ? { workflowId } : {}),
  };
}

async function openBulkModal(
  ctx: BootCtx,
  actionId: string,
  ids: string[],
  itemTypeId?: string,
): Promise<void> {
  const action = findAction(actionId);
  if (!action) return;
  if (!ctx.currentUserAccessToken) {
    await ctx.alert(MISSING_TOKEN_MESSAGE);
    return;
  }
  // The menu may be stale (settings or role changed since it was drawn): check again.
  const availability = actionAvailability(action, menuContext(ctx, itemTypeId));
  if (!availability.available) {
    await ctx.alert(`${action.title} is not available: ${availability.reason}.`);
    return;
  }
  const parameters: BulkModalParameters = {
    actionId: action.id,
    ids,
    itemTypeId: itemTypeId ?? null,
    bootId,
  };
  await ctx.openModal({
    id: 'bulk',
    title: action.title,
    width: 'l',
    parameters,
  });
}

/** The catalog names only icons the SDK's FontAwesome union contains (see catalog.test.ts). */
function asDropdownActions(entries: MenuEntry[]): DropdownAction[] {
  return entries as DropdownAction[];
}

function itemTypeOf(items: Item[]): string | undefined {
  return items[0]?.relationships.item_type.data.id;
}

/**
 * Runs execute here, in the long-lived hidden boot frame: they survive closing the modal and
 * moving around the CMS. One host per scope (token, site, environment, installation) listens on
 * that scope's sealed channel; the engine itself is loaded only when a run starts.
 */
const bootScopes = createBootScopes<BootFrameCtx>({
  bootId,
  loadRunner: (input) => import('./runtime/startBootRunner').then((m) => m.startBootRunner(input)),
});

/**
 * Every hook call hands the boot frame the current properties (the onBoot ctx is a snapshot; the
 * host pushes role, token and environment changes with onChange): the scopes follow them.
 */
function seen<C extends BootFrameCtx>(ctx: C): C {
  bootScopes.use(ctx);
  return ctx;
}

void connect({
  onBoot(ctx) {
    seen(ctx);
  },
  uploadsDropdownActions(ctx) {
    return asDropdownActions(buildMenu('uploads', menuContext(seen(ctx))));
  },
  executeUploadsDropdownAction(actionId, uploads: Upload[], ctx) {
    return openBulkModal(
      seen(ctx),
      actionId,
      uploads.map((u) => u.id),
    );
  },
  // DatoCMS shows these in the collection's batch menu and on the record's edit page (SDK
  // hooks/itemsDropdownActions.ts), so the record actions are declared here only: declaring them
  // in itemFormDropdownActions too would list each one twice on the record page.
  itemsDropdownActions(itemType, ctx) {
    return asDropdownActions(buildMenu('items', menuContext(seen(ctx), itemType.id, itemType)));
  },
  executeItemsDropdownAction(actionId, items: Item[], ctx) {
    return openBulkModal(
      seen(ctx),
      actionId,
      items.map((i) => i.id),
      itemTypeOf(items),
    );
  },
  itemFormSidebarPanels(_itemType, ctx) {
    seen(ctx);
    return [{ id: 'bulkJobs', label: 'Bulk jobs', startOpen: true }];
  },
  uploadSidebarPanels(ctx) {
    seen(ctx);
    return [{ id: 'bulkJobs', label: 'Bulk jobs', startOpen: true }];
  },
  renderModal(modalId, ctx) {
    // 'bulkRun': one existing run, opened from the jobs panel; 'bulk': the action flow.
    if (modalId === 'bulkRun') void import('./entrypoints/mountRunModal').then((m) => m.mount(ctx));
    else void import('./entrypoints/mountBulkModal').then((m) => m.mount(ctx));
  },
  renderConfigScreen(ctx) {
    void import('./entrypoints/mountConfigScreen').then((m) => m.mount(ctx));
  },
  renderItemFormSidebarPanel(_panelId, ctx) {
    void import('./entrypoints/mountJobsPanel').then((m) => m.mount(ctx));
  },
  renderUploadSidebarPanel(_panelId, ctx) {
    void import('./entrypoints/mountJobsPanel').then((m) => m.mount(ctx));
  },
});
