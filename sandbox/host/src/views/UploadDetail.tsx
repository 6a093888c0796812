import { useMemo } from 'react';
import { useHost } from '../host';
import { paths } from '../router';
import type { RawUpload } from '../simApi';
import { ActionsMenu } from './ActionsMenu';
import { SidebarPanels } from './SidebarPanels';
import { Thumbnail } from './Thumbnail';
import { useAsync } from './useAsync';

const SHOWN = ['filename', 'format', 'mime_type', 'size', 'width', 'height', 'tags', 'path'];

function Detail({ upload }: { upload: RawUpload }) {
  const frameProps = useMemo(() => ({ upload }), [upload]);
  const hookArgs = useMemo(() => [], []);
  const selection = useMemo(() => [upload], [upload]);
  const collection = (upload.relationships?.upload_collection?.data as { id?: string } | null)?.id;
  return (
    <div className="record" data-testid="upload-detail" data-upload-id={upload.id}>
      <div className="record-main">
        <p>
          <a href={`#${paths.media()}`}>← Media Area</a>
        </p>
        <h1>{String(upload.attributes.filename ?? upload.id)}</h1>
        <Thumbnail upload={upload} />
        <div className="toolbar">
          <ActionsMenu
            surface="uploads"
            selection={selection}
            label="Asset actions"
            testId="upload-actions"
          />
        </div>
        <dl className="meta">
          {SHOWN.map((key) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd data-testid={`upload-attr-${key}`}>
                {JSON.stringify(upload.attributes[key] ?? null)}
              </dd>
            </div>
          ))}
          <div>
            <dt>collection</dt>
            <dd data-testid="upload-attr-collection">{collection ?? '—'}</dd>
          </div>
        </dl>
      </div>
      <aside className="record-sidebar" aria-label="Asset sidebar">
        <SidebarPanels
          hook="uploadSidebarPanels"
          hookArgs={hookArgs}
          mode="renderUploadSidebarPanel"
          frameProps={frameProps}
          testId="upload-sidebar-panel"
        />
      </aside>
    </div>
  );
}

/** One asset: its metadata, its single-asset actions, and the plugin's upload sidebar panels. */
export function UploadDetail({ uploadId }: { uploadId: string }) {
  const { api } = useHost();
  const upload = useAsync(() => api.findUpload(uploadId), uploadId);
  if (upload.status === 'loading') return <p className="muted">Loading asset…</p>;
  if (upload.status === 'error')
    return (
      <p role="alert" data-testid="upload-error">
        Could not load the asset: {upload.message}
      </p>
    );
  return <Detail key={upload.value.id} upload={upload.value} />;
}
