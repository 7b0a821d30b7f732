import { CloseOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Button, Modal, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useCheckinQr } from '../api';
import type { Quorum, SessionDetail } from '../types';

/** An object URL for a blob, released when the blob changes or the component goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return undefined;
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

/**
 * The check-in QR code of an open session, large, for the screen in the hall; a full-screen mode
 * for the projector shows it with the live count of deputies present.
 */
export function CheckinQrModal({ session, quorum, onClose }: { session: SessionDetail; quorum: Quorum; onClose: () => void }) {
  const { t } = useTranslation();
  const qr = useCheckinQr(session.id, session.state === 'open');
  const src = useObjectUrl(qr.data);
  const [fullscreen, setFullscreen] = useState(false);
  const overlay = useRef<HTMLDivElement>(null);
  const address = session.checkinPath ? `${window.location.origin}${session.checkinPath}` : null;
  const alt = t('sessions.qr.alt', { name: session.name });

  useEffect(() => {
    if (!fullscreen) return undefined;
    const el = overlay.current;
    // The browser's full screen hides its own bars; the overlay alone already covers the page.
    el?.requestFullscreen?.().catch(() => undefined);
    el?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setFullscreen(false); };
    const onChange = () => { if (!document.fullscreenElement) setFullscreen(false); };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [fullscreen]);

  const image = src ? <img src={src} alt={alt} data-testid="checkin-qr" /> : <Spin aria-label={t('sessions.qr.loading')} />;

  return (
    <>
      <Modal
        open={!fullscreen}
        title={t('sessions.qr.title')}
        onCancel={onClose}
        width={640}
        footer={[
          <Button key="fs" icon={<FullscreenOutlined aria-hidden />} onClick={() => setFullscreen(true)} disabled={!src}>{t('sessions.qr.fullscreen')}</Button>,
          <Button key="close" type="primary" onClick={onClose}>{t('common.close')}</Button>,
        ]}
      >
        <div className="qr-box">
          <p style={{ margin: 0 }}>{t('sessions.qr.intro')}</p>
          {image}
          {address ? <div className="qr-url">{t('sessions.qr.address')}：<span data-testid="checkin-url">{address}</span></div> : null}
        </div>
      </Modal>
      {fullscreen ? createPortal(
        <div className="qr-fullscreen" ref={overlay} role="dialog" aria-modal="true" aria-label={t('sessions.qr.title')} tabIndex={-1}>
          <Button className="qr-fullscreen-close" icon={<CloseOutlined aria-hidden />} onClick={() => setFullscreen(false)}>{t('sessions.qr.exitFullscreen')}</Button>
          <h2>{session.fullName}</h2>
          <p>{t('sessions.qr.intro')}</p>
          {image}
          <div className="qr-fullscreen-count" aria-live="polite">
            {t('sessions.quorum.present')} {quorum.present} / {t('sessions.quorum.seated')} {quorum.seated}{'\u3000'}{t('sessions.quorum.threshold')} {quorum.threshold}
          </div>
        </div>,
        document.body,
      ) : null}
    </>
  );
}
