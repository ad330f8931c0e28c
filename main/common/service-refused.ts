/**
 * A service call that cannot be done as asked; the host maps the kind to the contract's error code. invalid-state:
 * the step it needs has not happened (nobody identified, nothing in progress); invalid-request: what was asked makes
 * no sense here; unavailable: this terminal cannot do it. Each service names its own (ApplicationRefused …).
 */
export type Refusal = 'invalid-state' | 'invalid-request' | 'unavailable';

export class ServiceRefused extends Error {
  readonly kind: Refusal;

  constructor(kind: Refusal, message: string) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
  }
}
