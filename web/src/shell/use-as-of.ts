import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { parseAsOf, withAsOf } from './as-of';

/** The page's as-of moment from `?asOf=` (undefined: now) and a setter that keeps the rest of the URL. */
export function useAsOf(): {
  asOf: string | undefined;
  historical: boolean;
  setAsOf: (asOf: string | undefined) => void;
} {
  const location = useLocation();
  const navigate = useNavigate();
  const asOf = parseAsOf(location.search);
  const setAsOf = useCallback(
    (next: string | undefined) => navigate({ pathname: location.pathname, search: withAsOf(location.search, next) }),
    [navigate, location.pathname, location.search],
  );
  return { asOf, historical: asOf !== undefined, setAsOf };
}
