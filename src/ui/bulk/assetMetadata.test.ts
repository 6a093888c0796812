import { describe, expect, it } from 'vitest';
import { assetMetadataFile } from './assetMetadata';

const upload = {
  id: 'u1',
  type: 'upload',
  attributes: {
    filename: 'a, "b".png',
    url: 'https://x/a.png',
    mime_type: 'image/png',
    size: 10,
    tags: ['hero', 'summer'],
    default_field_metadata: { en: { alt: 'Alt' } },
  },
  relationships: { upload_collection: { data: { type: 'upload_collection', id: 'c1' } } },
};

describe('assetMetadataFile', () => {
  it('writes one escaped CSV row per asset with tags, collection and metadata', () => {
    const file = assetMetadataFile([upload], 'csv', 'stamp');
    expect(file.name).toBe('assets-before-delete-stamp.csv');
    const [header, row] = file.text.trim().split('\n');
    expect(header).toBe(
      'id,filename,url,mime_type,size,width,height,tags,upload_collection,author,copyright,notes,default_field_metadata,created_at',
    );
    expect(row).toBe(
      'u1,"a, ""b"".png",https://x/a.png,image/png,10,,,hero; summer,c1,,,,"{""en"":{""alt"":""Alt""}}",',
    );
  });

  it('keeps the raw records in JSON', () => {
    const file = assetMetadataFile([upload], 'json', 'stamp');
    expect(JSON.parse(file.text)).toEqual([upload]);
  });
});
