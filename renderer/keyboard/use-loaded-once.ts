import { useEffect, useState } from 'react';

/**
 * Something big the keyboard loads from the kiosk's own files only when first needed (the pinyin dictionary, the
 * handwriting stroke library): one load for the page, tried again after a failure.
 */
export const loadedOnce = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
};

/** What `load` gives, once `wanted`; null until it has loaded (or while it cannot). */
export const useLoadedOnce = <T>(wanted: boolean, load: () => Promise<T>): T | null => {
  const [loaded, setLoaded] = useState<T | null>(null);
  useEffect(() => {
    if (!wanted || loaded !== null) return;
    let current = true;
    load().then(
      (value) => current && setLoaded(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [wanted, loaded, load]);
  return loaded;
};
