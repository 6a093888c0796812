import type { Client } from '@datocms/cma-client-browser';
import type { RawEntity } from './fetchByIds';

/** Every upload collection of the project (GET /upload-collections is not paginated). */
export async function listCollections(client: Client): Promise<RawEntity[]> {
  const body = await client.request<{ data: RawEntity[] }>({
    method: 'GET',
    url: '/upload-collections',
  });
  return body.data;
}
