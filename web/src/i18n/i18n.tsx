import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { Messages, zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
const CATALOGS: Record<Language, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'supervision.language';

/** `{name}` placeholders filled from `values`. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

interface I18n {
  language: Language;
  m: Messages;
  t: (template: string, values?: Record<string, string | number>) => string;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN',
  );
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ language, m: CATALOGS[language], t: interpolate, setLanguage }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
