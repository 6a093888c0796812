/**
 * Hash routes shaped like DatoCMS paths, so ctx.navigateTo('/media/assets/123') works as in the
 * real CMS. The host page is served once; everything after `#` is the in-app path.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'media' }
  | { name: 'upload'; uploadId: string }
  | { name: 'collection'; itemTypeId: string }
  | { name: 'record'; itemTypeId: string; itemId: string }
  | { name: 'config' }
  | { name: 'notFound'; path: string };

export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function parseRoute(path: string): Route {
  const clean = path.split(/[?#]/)[0]?.replace(/\/+$/, '') || '/';
  let m: RegExpMatchArray | null;
  if (clean === '/' || clean === '/media' || clean === '/media/assets') return { name: 'media' };
  if ((m = clean.match(/^\/media\/assets\/([^/]+)$/))) return { name: 'upload', uploadId: m[1]! };
  if ((m = clean.match(/^\/editor\/item_types\/([^/]+)(?:\/items)?$/)))
    return { name: 'collection', itemTypeId: m[1]! };
  if ((m = clean.match(/^\/editor\/item_types\/([^/]+)\/items\/([^/]+)(?:\/edit)?$/)))
    return { name: 'record', itemTypeId: m[1]!, itemId: m[2]! };
  if (/^\/configuration\/plugins\/[^/]+(?:\/edit)?$/.test(clean)) return { name: 'config' };
  return { name: 'notFound', path };
}

export function navigate(path: string): void {
  const target = path.startsWith('/') ? path : `/${path}`;
  if (currentPath() !== target) window.location.hash = target;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export const paths = {
  media: () => '/media',
  upload: (id: string) => `/media/assets/${id}`,
  collection: (itemTypeId: string) => `/editor/item_types/${itemTypeId}/items`,
  record: (itemTypeId: string, itemId: string) =>
    `/editor/item_types/${itemTypeId}/items/${itemId}/edit`,
  config: (pluginId: string) => `/configuration/plugins/${pluginId}/edit`,
};
