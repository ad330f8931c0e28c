import type { MethodName } from '../../api/index.ts';
import { ApiFailure } from '../api-failure.ts';
import type { MethodHandlers } from '../api-dispatcher.ts';

/** A capability's methods on a terminal that cannot offer it: each answers `unavailable`, saying why. */
export const unavailableMethods = <M extends MethodName>(methods: readonly M[], reason: string): Pick<MethodHandlers, M> =>
  Object.fromEntries(
    methods.map((method) => [
      method,
      () => {
        throw new ApiFailure('unavailable', reason);
      },
    ]),
  ) as unknown as Pick<MethodHandlers, M>;
