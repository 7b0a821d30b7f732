import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n';

/** 中文 / English, remembered in this browser. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const value = i18n.language === 'en-US' ? 'en-US' : currentLanguage();
  return (
    <Segmented<Language>
      className={className ?? 'language-switch'}
      aria-label={t('app.language')}
      size="small"
      value={value}
      onChange={(lang) => void changeLanguage(lang)}
      options={LANGUAGES.map((lang) => ({ value: lang, label: t(`app.languages.${lang}`) }))}
    />
  );
}
