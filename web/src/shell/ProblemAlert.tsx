import { Alert } from 'antd';
import { ApiError, inLanguage } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Forbidden } from './Forbidden';

/** A failed read, said in words: 无权访问 for 403, the API's own message otherwise. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { m, t, language } = useI18n();
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  return <Alert type="error" showIcon role="alert" message={problemText(error, m, t, language)} />;
}

export function problemText(
  error: unknown,
  m: { networkError: string; serverError: string },
  t: (s: string, v?: Record<string, string | number>) => string,
  language: 'zh-CN' | 'en',
): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return m.networkError;
    const text = error.problem.detail ?? error.problem.title ?? `HTTP ${error.status}`;
    return error.status >= 500 ? t(m.serverError, { detail: inLanguage(text, language) }) : inLanguage(text, language);
  }
  return error instanceof Error ? error.message : String(error);
}
