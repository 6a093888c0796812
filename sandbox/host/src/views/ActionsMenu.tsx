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

/** Which hook declared an entry: its own execute hook runs it. */
type Origin = 'main' | 'items';
type Entry = { origin: Origin; entry: DropdownAction | DropdownActionGroup; rank?: number };

type MenuState =
  | { status: 'loading' }
  | { status: 'ready'; entries: Entry[] }
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
 * the ctx changes (role, token grant, parameters) and whenever the menu opens. On the record
 * page DatoCMS lists `itemsDropdownActions` too, beside `itemFormDropdownActions` (SDK
 * hooks/itemsDropdownActions.ts: "or starts editing a specific record"); each runs through its
 * own execute hook.
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
    const ask = async (hooks: Record<string, true>): Promise<Entry[] | null> => {
      const lists: Entry[][] = [];
      let asked = false;
      const add = async (origin: Origin, hook: string, args: unknown[], props: object) => {
        if (!hooks[hook]) return;
        asked = true;
        const result = await boot.call<unknown>(hook, args, props as Record<string, unknown>);
        if (!isDropdownActionOrGroupArray(result)) throw new Error('invalid');
        lists.push(result.map((entry) => ({ origin, entry, rank: entry.rank })));
      };
      if (surface === 'uploads') await add('main', HOOKS.uploads[0], [], {});
      else if (surface === 'items') await add('main', HOOKS.items[0], [itemType], { itemType });
      else {
        await add('main', HOOKS.itemForm[0], [itemType], formProps ?? {});
        await add('items', HOOKS.items[0], [itemType], { itemType });
      }
      return asked ? lists.flat() : null;
    };
    void boot.ready.then(ask).then(
      (entries) => {
        if (!live) return;
        if (entries === null) setMenu({ status: 'none' });
        else setMenu({ status: 'ready', entries });
      },
      (error: unknown) =>
        live &&
        setMenu({
          status: 'invalid',
          message:
            error instanceof Error && error.message === 'invalid'
              ? 'The plugin returned something that is not a list of dropdown actions.'
              : `The hook failed: ${String(error)}`,
        }),
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

  const run = async (action: DropdownAction, origin: Origin) => {
    setOpen(false);
    if (action.disabled) return;
    setRunning(action.label);
    const hook = origin === 'items' ? HOOKS.items[1] : HOOKS[surface][1];
    try {
      // The item form's execute hook gets the action id only: the record is in the ctx.
      if (surface === 'itemForm' && origin === 'main')
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

  const renderAction = (action: DropdownAction, origin: Origin) => (
    <li key={`${origin}:${action.id}`} role="none">
      <button
        type="button"
        role="menuitem"
        className={`menu-item${action.alert ? ' menu-item--alert' : ''}${action.active ? ' menu-item--active' : ''}`}
        data-testid={`${testId}-item`}
        data-action-id={action.id}
        aria-disabled={action.disabled ? 'true' : undefined}
        disabled={action.disabled}
        onClick={() => void run(action, origin)}
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
          {byRank(menu.entries).map(({ origin, entry }) =>
            'actions' in entry ? (
              <li key={`${origin}:group-${entry.label}`} role="none" className="menu-group">
                <span className="menu-group-label" id={`${menuId}-${origin}-${entry.label}`}>
                  {entry.label}
                </span>
                <ul role="group" aria-labelledby={`${menuId}-${origin}-${entry.label}`}>
                  {byRank(entry.actions).map((a) => renderAction(a, origin))}
                </ul>
              </li>
            ) : (
              renderAction(entry, origin)
            ),
          )}
        </ul>
      )}
    </div>
  );
}
