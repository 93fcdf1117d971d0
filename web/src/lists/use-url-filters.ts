import { useSearchParams } from 'react-router';

/**
 * A list page's filters carried in the URL (so a filtered view can be linked): set or clear one, clear
 * them all — leaving every other parameter (asOf, an open drawer) as it is.
 */
export function useUrlFilters(keys: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const setParam = (key: string, value: string | undefined, options: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, options);
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of keys) next.delete(key);
    setParams(next);
  };
  return { params, setParam, clear, narrowed: keys.some((key) => params.has(key)) };
}
