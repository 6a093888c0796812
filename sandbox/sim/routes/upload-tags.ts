/** Upload tags and smart tags: paginated lists (default 50, max 500) with filter[query]. */
import type { FastifyInstance } from 'fastify';
import { paginate, parsePage, record, str, type Query } from '../query';
import { requestEnvironment } from '../http';

function byQuery(names: string[], query: Query): string[] {
  const needle = str(record(query.filter).query)?.trim().toLowerCase();
  return needle ? names.filter((name) => name.toLowerCase().includes(needle)) : names;
}

export function registerUploadTagRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: Query }>(
    '/upload-tags',
    { config: { href: 'UploadTagInstancesHrefSchema' } },
    async (request) => {
      const page = parsePage(request.query, 50, 500);
      const { store } = requestEnvironment(request);
      const names = byQuery([...store.tags.keys()], request.query);
      return {
        data: paginate(names, page).map((name) => ({
          type: 'upload_tag' as const,
          id: store.tags.get(name)?.id ?? name,
          attributes: { name },
        })),
        meta: { total_count: names.length },
      };
    },
  );

  // Smart tags are computed from the assets, so they follow deletions.
  app.get<{ Querystring: Query }>(
    '/upload-smart-tags',
    { config: { href: 'UploadSmartTagInstancesHrefSchema' } },
    async (request) => {
      const page = parsePage(request.query, 50, 500);
      const all = new Set<string>();
      for (const upload of requestEnvironment(request).store.uploads.values())
        upload.smartTags.forEach((tag) => all.add(tag));
      const names = byQuery([...all].sort(), request.query);
      return {
        data: paginate(names, page).map((name) => ({
          type: 'upload_smart_tag' as const,
          id: `smart-${name}`,
          attributes: { name },
        })),
        meta: { total_count: names.length },
      };
    },
  );
}
