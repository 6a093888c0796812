/** DatoCMS item bulk endpoints take at most 200 records per request. */
export const MAX_CHUNK_SIZE = 200;
