import { useState } from 'react';
import type { RawUpload } from '../simApi';

function hue(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

/**
 * The asset's file as a thumbnail (the simulator serves an SVG stand-in at `url`); a drawn tile
 * when there is no URL or it fails to load. Decorative: the filename next to it names the asset.
 */
export function Thumbnail({ upload }: { upload: RawUpload }) {
  const [failed, setFailed] = useState(false);
  const url = typeof upload.attributes.url === 'string' ? upload.attributes.url : null;
  if (url && !failed) {
    return (
      <img className="thumb" src={url} alt="" loading="lazy" onError={() => setFailed(true)} />
    );
  }
  const format = String(upload.attributes.format ?? upload.attributes.mime_type ?? 'file')
    .split('/')
    .pop()
    ?.toUpperCase();
  return (
    <div
      className="thumb"
      aria-hidden="true"
      style={{
        background: `hsl(${hue(upload.id)} 45% 88%)`,
        color: `hsl(${hue(upload.id)} 60% 25%)`,
      }}
    >
      {format}
    </div>
  );
}
