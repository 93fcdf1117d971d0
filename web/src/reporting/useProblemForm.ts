import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, fieldErrors } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { problemText } from '../shell/ProblemAlert';

/**
 * A form's submit against the API: the problem's `errors[]` beside the fields they name, the rest (and
 * network failures) in one message; what the user typed stays.
 */
export function useProblemForm(form: FormInstance, fields: readonly string[]) {
  const { m, t, language } = useI18n();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) {
        const { byField, unplaced } = fieldErrors(e.problem, fields, language);
        form.setFields(Object.entries(byField).map(([name, message]) => ({ name, errors: [message] })));
        if (unplaced.length || !Object.keys(byField).length)
          setError(unplaced.join('；') || problemText(e, m, t, language));
      } else {
        setError(problemText(e, m, t, language));
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, clearError: () => setError(undefined) };
}
