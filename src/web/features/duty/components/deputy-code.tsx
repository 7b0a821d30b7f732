import { CopyOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { QueryError } from '../../../components/query-error';
import { usePublicCode, useQrSvg, useRotatePublicCode } from '../api';

/**
 * A deputy's 代表码: the QR code residents scan to send them an opinion, the address under it,
 * and 打印. The office may issue a new code (the old one stops working).
 */
export function DeputyCode({ deputyId, name }: { deputyId: string; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const { can } = useAuth();
  const code = usePublicCode(deputyId);
  const svg = useQrSvg(deputyId);
  const rotate = useRotatePublicCode();
  if (code.isError) return <QueryError error={code.error} onRetry={() => void code.refetch()} />;
  if (!code.data || svg.isPending) return <div className="page-loading"><Spin /></div>;
  const src = svg.data ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.data)}` : null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code.data.url);
      void message.success(t('duty.codes.copied'));
    } catch {
      void message.info(code.data.url);
    }
  };
  return (
    <div className="duty-code print-area" data-testid="deputy-code">
      <p className="duty-code-name">{t('duty.codes.codeOf', { name })}</p>
      {src ? <img src={src} alt={t('duty.codes.qrAlt', { name })} className="duty-qr" /> : <QueryError error={svg.error} />}
      <p className="duty-code-help">{t('duty.codes.scanHelp')}</p>
      <Typography.Text className="duty-code-url" data-testid="deputy-code-url">{code.data.url}</Typography.Text>
      <div className="duty-actions-row duty-no-print">
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>{t('duty.codes.print')}</Button>
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>{t('duty.codes.copy')}</Button>
        {can('duty.manage') ? (
          <Popconfirm
            title={t('duty.codes.rotateConfirm')}
            okButtonProps={{ danger: true }}
            onConfirm={() => rotate.mutate(deputyId, { onSuccess: () => void message.success(t('duty.codes.rotated')), onError: (err) => report(err) })}
          >
            <Button icon={<ReloadOutlined aria-hidden />} loading={rotate.isPending}>{t('duty.codes.rotate')}</Button>
          </Popconfirm>
        ) : null}
      </div>
    </div>
  );
}
