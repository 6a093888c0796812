/** An SVG stand-in for an asset's file, so the offline sandbox can show thumbnails. */
import type { UploadRec } from '../types';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function placeholderSvg(upload: UploadRec): string {
  // A stable hue per asset makes neighbouring thumbnails easy to tell apart.
  let hash = 0;
  for (const char of upload.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const width = upload.width ?? 400;
  const height = upload.height ?? 300;
  const label = escapeXml(upload.format.toUpperCase());
  const name = escapeXml(upload.basename.slice(0, 40));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 400 300">` +
    `<rect width="400" height="300" fill="hsl(${hue} 55% 78%)"/>` +
    `<text x="200" y="140" font-family="sans-serif" font-size="48" text-anchor="middle" fill="hsl(${hue} 40% 30%)">${label}</text>` +
    `<text x="200" y="190" font-family="sans-serif" font-size="18" text-anchor="middle" fill="hsl(${hue} 40% 25%)">${name}</text>` +
    `</svg>`
  );
}
