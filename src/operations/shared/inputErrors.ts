export type InputErrorCode =
  | 'INVALID_INPUT'
  | 'EMPTY_TAGS'
  | 'BLANK_TAG'
  | 'DUPLICATE_TAG'
  | 'TAG_TOO_LONG'
  | 'UNKNOWN_COLLECTION'
  | 'UNKNOWN_STAGE'
  | 'EMPTY_REORDER';

/** Bad input, caught before any request is sent. `message` is shown to the user as is. */
export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
    this.code = code;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
