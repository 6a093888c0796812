import { useEffect, useState } from 'react';
import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { Button, Canvas, Spinner } from 'datocms-react-ui';
import { findAction } from '../actions/catalog';
import { readCmaAccess, MISSING_TOKEN_MESSAGE } from '../cma/access';
import { createCmaClient } from '../cma/client';
import type { BulkModalParameters } from './modalParameters';
import s from './BulkModal.module.css';

const SAMPLE_SIZE = 20;

type Sample =
  | { status: 'loading' }
  | { status: 'ready'; rows: { id: string; label: string }[] }
  | { status: 'error'; message: string };

function readModalParameters(raw: unknown): BulkModalParameters | null {
  const p = raw as Partial<BulkModalParameters> | undefined;
  if (!p || typeof p.actionId !== 'string' || !Array.isArray(p.ids)) return null;
  return {
    actionId: p.actionId,
    ids: p.ids,
    itemTypeId: p.itemTypeId ?? null,
    bootId: typeof p.bootId === 'string' ? p.bootId : '',
  };
}

/** The bulk modal: scope first. Preview, run and report land with the engine. */
export function BulkModal({ ctx }: { ctx: RenderModalCtx }) {
  const parameters = readModalParameters(ctx.parameters);
  const action = parameters ? findAction(parameters.actionId) : undefined;
  const access = readCmaAccess(ctx);
  const [sample, setSample] = useState<Sample>({ status: 'loading' });

  const sampleIds = parameters?.ids.slice(0, SAMPLE_SIZE).join(',') ?? '';
  const surface = action?.surface;
  const apiToken = access?.apiToken;
  const environment = access?.environment;
  const baseUrl = access?.baseUrl;

  useEffect(() => {
    if (!apiToken || !environment || !baseUrl || !surface || !sampleIds) return;
    let live = true;
    const client = createCmaClient({ apiToken, environment, baseUrl });
    const load =
      surface === 'uploads'
        ? client.uploads
            .list({ filter: { ids: sampleIds }, page: { limit: SAMPLE_SIZE } })
            .then((uploads) => uploads.map((u) => ({ id: u.id, label: u.filename })))
        : client.items
            .list({ filter: { ids: sampleIds }, page: { limit: SAMPLE_SIZE } })
            .then((items) => items.map((i) => ({ id: i.id, label: `Record ${i.id}` })));
    load
      .then((rows) => live && setSample({ status: 'ready', rows }))
      .catch(
        (error: unknown) =>
          live &&
          setSample({
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    return () => {
      live = false;
    };
  }, [apiToken, environment, baseUrl, surface, sampleIds]);

  const close = () => void ctx.resolve(null);

  if (!parameters || !action) {
    return (
      <Canvas ctx={ctx}>
        <p role="alert">This modal was opened without a valid bulk action.</p>
        <Button onClick={close}>Close</Button>
      </Canvas>
    );
  }

  return (
    <Canvas ctx={ctx}>
      <section className={s.modal} aria-labelledby="bulk-scope-title" data-testid="bulk-modal">
        <h2 id="bulk-scope-title" className={s.title}>
          {action.label.replace(/…$/, '')}: scope
        </h2>
        <p data-testid="bulk-scope-count">
          <strong>{parameters.ids.length.toLocaleString('en')}</strong>{' '}
          {action.surface === 'uploads' ? 'assets' : 'records'} selected
        </p>
        {!access ? (
          <p role="alert">{MISSING_TOKEN_MESSAGE}</p>
        ) : sample.status === 'loading' ? (
          <Spinner size={24} />
        ) : sample.status === 'error' ? (
          <p role="alert">Could not load the selection: {sample.message}</p>
        ) : (
          <ul className={s.sample} aria-label="First selected">
            {sample.rows.map((row) => (
              <li key={row.id}>{row.label}</li>
            ))}
          </ul>
        )}
        <div className={s.actions}>
          <Button onClick={close} buttonType="muted">
            Close
          </Button>
        </div>
      </section>
    </Canvas>
  );
}
