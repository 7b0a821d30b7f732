import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/shell/language-switch';

/** The frame of the pages shown before sign-in: sign-in, setup, forced password change. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <header className="auth-hero">
        <LanguageSwitch className="auth-lang" />
        <div className="auth-brand">
          <span className="app-emblem" aria-hidden>人</span>
          <h1>{t('app.name')}</h1>
          <p>{t('login.subtitle')}</p>
        </div>
      </header>
      <main className="auth-main">{children}</main>
      <p className="auth-footer">{t('login.footer')}</p>
    </div>
  );
}
