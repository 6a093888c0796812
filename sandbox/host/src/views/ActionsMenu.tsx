import { useEffect, useId, useRef, useState } from 'react';
import {
  isDropdownActionOrGroupArray,
  type DropdownAction,
  type DropdownActionGroup,
} from 'datocms-plugin-sdk';
import { useHost } from '../host';
import { useHostState } from '../store';
import type { JsonApiResource, RawItemType } from '../simApi';

type Props = {
  /** Media Area (uploads*), a collection (items*) or one record's form (itemForm*). */
  surface: 'uploads' | 'items' | 'itemForm';
  itemType?: RawItemType;
  /** itemForm: the item-form properties handed to the hooks (item, itemType, locale…). */
  formProps?: Record<string, unknown>;
  /** The selected resources, raw JSON:API, as DatoCMS hands them to execute*. */
  selection: readonly JsonApiResource[];
  /** Button text, e.g. "Batch actions". */
  label: string;
  testId: string;
};

type MenuState =
  | { status: 'loading' }
  | { status: 'ready'; entries: Array<DropdownAction | DropdownActionGroup> }
  | { status: 'none' }
  | { status: 'invalid'; message: string };

function byRank<T extends { rank?: number }>(list: readonly T[]): T[] {
  return list
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.rank ?? 0) - (b.entry.rank ?? 0) || a.index - b.index)
    .map(({ entry }) => entry);
}

/**
 * The plugin's dropdown actions for a batch selection. Re-queried from the boot frame whenever
 * the ctx changes (role, token grant, parameters) and whenever the menu opens.
 */
const HOOKS = {
  uploads: ['uploadsDropdownActions', 'executeUploadsDropdownAction'],
  items: ['itemsDropdownActions', 'executeItemsDropdownAction'],
  itemForm: ['itemFormDropdownActions', 'executeItemFormDropdownAction'],
} as const;

export function ActionsMenu({ surface, itemType, formProps, selection, label, testId }: Props) {
  const { boot, store } = useHost();
  const settingsVersion = useHostState(store, (s) => s.settingsVersion);
  const [open, setOpen] = useState(false);
  const [menu, setMenu] = useState<MenuState>({ status: 'loading' });
  const [running, setRunning] = useState<string | null>(null);
  const [query, setQuery] = useState(0);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const hook = HOOKS[surface][0];
    void boot.ready
      .then((hooks) => {
        if (!hooks[hook]) return null;
        if (surface === 'uploads') return boot.call<unknown>(hook, [], {});
        if (surface === 'itemForm') return boot.call<unknown>(hook, [itemType], formProps ?? {});
        return boot.call<unknown>(hook, [itemType], { itemType });
      })
      .then(
        (result) => {
          if (!live) return;
          if (result === null) setMenu({ status: 'none' });
          else if (isDropdownActionOrGroupArray(result))
            setMenu({ status: 'ready', entries: result });
          else
            setMenu({
              status: 'invalid',
              message: 'The plugin returned something that is not a list of dropdown actions.',
            });
        },
        (error: unknown) =>
          live && setMenu({ status: 'invalid', message: `The hook failed: ${String(error)}` }),
      );
    return () => {
      live = false;
    };
  }, [boot, surface, itemType, formProps, settingsVersion, query]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = async (action: DropdownAction) => {
    setOpen(false);
    if (action.disabled) return;
    setRunning(action.label);
    const hook = HOOKS[surface][1];
    try {
      // The item form's execute hook gets the action id only: the record is in the ctx.
      if (surface === 'itemForm')
        await boot.call(hook, [action.id], { ...formProps, parameters: action.parameters });
      else
        await boot.call(hook, [action.id, selection.map((r) => structuredClone(r))], {
          parameters: action.parameters,
        });
    } catch (error) {
      store.addToast({
        type: 'alert',
        message: `${hook} failed: ${error instanceof Error ? error.message : String(error)}`,
        dismissOnPageChange: false,
        settle: () => undefined,
      });
    } finally {
      setRunning(null);
    }
  };

  const renderAction = (action: DropdownAction) => (
    <li key={action.id} role="none">
      <button
        type="button"
        role="menuitem"
        className={`menu-item${action.alert ? ' menu-item--alert' : ''}${action.active ? ' menu-item--active' : ''}`}
        data-testid={`${testId}-item`}
        data-action-id={action.id}
        aria-disabled={action.disabled ? 'true' : undefined}
        disabled={action.disabled}
        onClick={() => void run(action)}
      >
        {action.label}
      </button>
    </li>
  );

  const disabled = selection.length === 0 || menu.status !== 'ready';

  return (
    <div className="menu" ref={rootRef} data-testid={testId}>
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={disabled}
        data-testid={`${testId}-button`}
        onClick={() => {
          if (!open) setQuery((n) => n + 1);
          setOpen(!open);
        }}
      >
        {label}
        {selection.length > 0 ? ` (${selection.length})` : ''} ▾
      </button>
      {running && (
        <span className="muted" role="status" data-testid={`${testId}-running`}>
          Running “{running}”…
        </span>
      )}
      {menu.status === 'none' && (
        <span className="muted" data-testid={`${testId}-none`}>
          The plugin offers no actions here.
        </span>
      )}
      {menu.status === 'invalid' && (
        <span role="alert" data-testid={`${testId}-invalid`}>
          {menu.message}
        </span>
      )}
      {open && menu.status === 'ready' && (
        <ul className="menu-list" role="menu" id={menuId} data-testid={`${testId}-list`}>
          {menu.entries.length === 0 && (
            <li role="none" className="muted">
              No actions
            </li>
          )}
          {byRank(menu.entries).map((entry) =>
            'actions' in entry ? (
              <li key={`group-${entry.label}`} role="none" className="menu-group">
                <span className="menu-group-label" id={`${menuId}-${entry.label}`}>
                  {entry.label}
                </span>
                <ul role="group" aria-labelledby={`${menuId}-${entry.label}`}>
                  {byRank(entry.actions).map(renderAction)}
                </ul>
              </li>
            ) : (
              renderAction(entry)
            ),
          )}
        </ul>
      )}
    </div>
  );
}
