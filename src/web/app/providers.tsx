import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx answer will not change on retry; a network blip or 5xx may.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
    },
  },
});

/**
 * A sober government palette: 中国红 as the primary colour, and secondary text darkened so
 * every text passes WCAG AA contrast.
 */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b5121b',
    colorLink: '#a3111a',
    colorInfo: '#1f4e8c',
    colorError: '#c4151c',
    colorSuccess: '#2f7d1f',
    colorWarning: '#ad6800',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.5)',
    borderRadius: 4,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#a3111a', headerHeight: 56, headerPadding: '0 24px', siderBg: '#ffffff', bodyBg: '#f3f4f6', footerBg: '#f3f4f6' },
    Menu: { itemSelectedBg: '#fbe9ea', itemSelectedColor: '#a3111a' },
  },
};

function LocalisedConfig({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUSLocale : zhCNLocale} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalisedConfig>{children}</LocalisedConfig>
    </QueryClientProvider>
  );
}
