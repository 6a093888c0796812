import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostMethods } from '../bridge';
import { useHost } from '../host';
import { paths } from '../router';
import type { RawItem } from '../simApi';
import { useHostState } from '../store';
import { fieldsOf, recordStatus, recordTitle } from './records';
import { ActionsMenu } from './ActionsMenu';
import { SidebarPanels } from './SidebarPanels';
import { useAsync } from './useAsync';

type FormValues = Record<string, unknown>;

function setPath(values: FormValues, path: string, value: unknown): FormValues {
  const [head, ...rest] = path.split('.');
  if (!head) return values;
  if (rest.length === 0) return { ...values, [head]: value };
  const inner = values[head];
  return {
    ...values,
    [head]: setPath(
      typeof inner === 'object' && inner !== null ? (inner as FormValues) : {},
      rest.join('.'),
      value,
    ),
  };
}

const BLOCKS_ANALYSIS = {
  usage: { total: 0, nonLocalized: 0, perLocale: {} },
  maximumPerItem: 0,
};

function Form({ item }: { item: RawItem }) {
  const { store } = useHost();
  const itemTypes = useHostState(store, (s) => s.itemTypes);
  const allFields = useHostState(store, (s) => s.fields);
  const itemTypeId = item.relationships.item_type.data.id;
  const itemType = itemTypes.find((t) => t.id === itemTypeId);
  const fields = useMemo(() => fieldsOf(allFields, itemTypeId), [allFields, itemTypeId]);
  const [formValues, setFormValues] = useState<FormValues>(() => structuredClone(item.attributes));
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [disabled, setDisabled] = useState<ReadonlySet<string>>(new Set());
  const [savedValues, setSavedValues] = useState(() => JSON.stringify(item.attributes));
  const isFormDirty = JSON.stringify(formValues) !== savedValues;
  const valuesRef = useRef(formValues);
  useEffect(() => {
    valuesRef.current = formValues;
  });

  const toItem = useCallback(
    (values: FormValues) => ({
      type: 'item',
      attributes: structuredClone(values),
      relationships: structuredClone(item.relationships),
    }),
    [item],
  );

  const frameMethods = useMemo<HostMethods>(
    () => ({
      toggleField: (path: string, show: boolean) =>
        setHidden((set) => {
          const next = new Set(set);
          if (show) next.delete(path);
          else next.add(path);
          return next;
        }),
      disableField: (path: string, disable: boolean) =>
        setDisabled((set) => {
          const next = new Set(set);
          if (disable) next.add(path);
          else next.delete(path);
          return next;
        }),
      scrollToField: (path: string) => {
        const el = document.querySelector<HTMLElement>(`[data-field-path="${CSS.escape(path)}"]`);
        el?.scrollIntoView({ block: 'center' });
        el?.querySelector<HTMLElement>('input, textarea')?.focus();
      },
      setFieldValue: (path: string, value: unknown) =>
        setFormValues((values) => setPath(values, path, value)),
      formValuesToItem: (values: FormValues) => toItem(values),
      itemToFormValues: (raw: { attributes?: FormValues }) => structuredClone(raw.attributes ?? {}),
      saveCurrentItem: (showToast?: boolean) => {
        // The simulator keeps records read-only for the host: saving marks the form clean.
        setSavedValues(JSON.stringify(valuesRef.current));
        if (showToast)
          store.addToast({
            type: 'notice',
            message: 'Record saved (sandbox: the form is marked clean).',
            dismissOnPageChange: true,
            settle: () => undefined,
          });
      },
    }),
    [store, toItem],
  );

  const status = recordStatus(item);
  const frameProps = useMemo(
    () => ({
      locale: 'en',
      item,
      itemType,
      formValues,
      itemStatus: status === 'published' || status === 'updated' ? status : 'draft',
      isSubmitting: false,
      isFormDirty,
      blocksAnalysis: BLOCKS_ANALYSIS,
    }),
    [item, itemType, formValues, status, isFormDirty],
  );
  const hookArgs = useMemo(() => [itemType], [itemType]);
  const selection = useMemo(() => [item], [item]);
  const title = recordTitle(item, itemType, fields);

  return (
    <div className="record" data-testid="record-form" data-item-id={item.id}>
      <div className="record-main">
        <p>
          <a href={`#${paths.collection(itemTypeId)}`}>
            ← {String(itemType?.attributes.name ?? 'Collection')}
          </a>
        </p>
        <h1>{title}</h1>
        <p>
          Status:{' '}
          <span className={`status status--${status}`} data-testid="record-status">
            {status}
          </span>
          {isFormDirty && (
            <span className="muted" data-testid="record-dirty">
              {' '}
              · unsaved changes
            </span>
          )}
        </p>
        <div className="toolbar">
          <ActionsMenu
            surface="itemForm"
            itemType={itemType}
            formProps={frameProps}
            selection={selection}
            label="Record actions"
            testId="record-actions"
          />
        </div>
        <form onSubmit={(event) => event.preventDefault()}>
          {fields.map((field) => {
            const apiKey = String(field.attributes.api_key);
            if (hidden.has(apiKey)) return null;
            const value = formValues[apiKey];
            const id = `field-${field.id}`;
            const isText = typeof value === 'string' || value === null || value === undefined;
            return (
              <div key={field.id} className="field" data-field-path={apiKey}>
                <label htmlFor={id}>{String(field.attributes.label ?? apiKey)}</label>
                {isText ? (
                  <input
                    id={id}
                    value={typeof value === 'string' ? value : ''}
                    disabled={disabled.has(apiKey)}
                    onChange={(event) =>
                      setFormValues((values) => ({ ...values, [apiKey]: event.target.value }))
                    }
                  />
                ) : (
                  <textarea id={id} readOnly value={JSON.stringify(value, null, 2)} rows={3} />
                )}
              </div>
            );
          })}
        </form>
      </div>
      <aside className="record-sidebar" aria-label="Record sidebar">
        <SidebarPanels
          hook="itemFormSidebarPanels"
          hookArgs={hookArgs}
          mode="renderItemFormSidebarPanel"
          frameProps={frameProps}
          frameMethods={frameMethods}
          testId="item-sidebar-panel"
        />
      </aside>
    </div>
  );
}

/** The record form: fields on the left, the plugin's item form sidebar panels on the right. */
export function RecordForm({ itemId }: { itemId: string }) {
  const { api } = useHost();
  const item = useAsync(() => api.findItem(itemId), itemId);
  if (item.status === 'loading') return <p className="muted">Loading record…</p>;
  if (item.status === 'error')
    return (
      <p role="alert" data-testid="record-error">
        Could not load the record: {item.message}
      </p>
    );
  return <Form key={item.value.id} item={item.value} />;
}
