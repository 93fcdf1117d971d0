import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/problem';
import { I18nProvider, useI18n } from './i18n/i18n';
import { App } from './shell/App';
import { PlanProvider } from './shell/plans';
import { SessionProvider, useSession } from './shell/session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final; retry only what may pass on a second try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

/** Ant Design's default secondary greys fail WCAG AA contrast on white: darker ones, and the link colour. */
const THEME = {
  colorPrimary: '#1d4ed8',
  colorLink: '#1d4ed8',
  colorPrimaryHover: '#1e40af',
  colorPrimaryActive: '#1e3a8a',
  colorLinkHover: '#1e40af',
  colorError: '#b42318',
  colorWarning: '#92400e',
  colorSuccess: '#166534',
  colorTextSecondary: '#4b5563',
  colorTextTertiary: '#4b5563',
  colorTextDescription: '#4b5563',
  colorTextPlaceholder: '#6b7280',
  borderRadius: 4,
};

function Localized() {
  const { language } = useI18n();
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  const { user } = useSession();
  return (
    <ConfigProvider
      button={{ autoInsertSpace: false }}
      locale={language === 'zh-CN' ? zhCN : enUS}
      theme={{ token: THEME }}
    >
      <AntApp>
        {user ? (
          <PlanProvider>
            <App />
          </PlanProvider>
        ) : (
          <App />
        )}
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <I18nProvider>
          <SessionProvider>
            <Localized />
          </SessionProvider>
        </I18nProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
