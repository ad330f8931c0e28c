/**
 * A locker call that cannot be done as asked (the host maps the kind to the contract's error code): the step it
 * needs has not happened (invalid-state: nobody identified, no pickup in progress), what was asked makes no sense
 * (invalid-request: a case number that is not one), or the terminal cannot do it (unavailable: no lockers).
 */
export type LockerRefusal = 'invalid-state' | 'invalid-request' | 'unavailable';

export class LockerRefused extends Error {
  readonly kind: LockerRefusal;

  constructor(kind: LockerRefusal, message: string) {
    super(message);
    this.name = 'LockerRefused';
    this.kind = kind;
  }
}

export const CASE_NUMBER = /^[0-9A-Za-z-]{6,50}$/;
export const ID_NUMBER = /^[0-9A-Z]{15,18}$/;
