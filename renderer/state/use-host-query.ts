import { useEffect, useState } from 'react';

export type Loaded<T> = { phase: 'loading' } | { phase: 'loaded'; value: T } | { phase: 'failed' };

/**
 * Calls the host when `key` changes; only the latest answer counts. The previous answer stays on screen until the
 * next one arrives, so results do not flicker while the citizen types.
 */
export const useHostQuery = <T,>(key: string, load: () => Promise<T>, delayMs = 0): Loaded<T> => {
  const [state, setState] = useState<Loaded<T>>({ phase: 'loading' });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      load().then(
        (value) => current && setState({ phase: 'loaded', value }),
        () => current && setState({ phase: 'failed' }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `load` is a new closure each render; `key` says when it asks something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
};

