import type { ApiErrorCode } from '../api/index.ts';

/** Thrown by a method handler to answer the page with a typed error instead of a result. */
export class ApiFailure extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
  }
}
