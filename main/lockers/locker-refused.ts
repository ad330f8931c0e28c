import { ServiceRefused } from '../common/service-refused.ts';

/**
 * A locker call that cannot be done as asked (the host maps the kind to the contract's error code): the step it
 * needs has not happened (invalid-state: nobody identified, no pickup in progress), what was asked makes no sense
 * (invalid-request: a case number that is not one), or the terminal cannot do it (unavailable: no lockers).
 */
export class LockerRefused extends ServiceRefused {}

export const CASE_NUMBER = /^[0-9A-Za-z-]{6,50}$/;
export const ID_NUMBER = /^[0-9A-Z]{15,18}$/;
