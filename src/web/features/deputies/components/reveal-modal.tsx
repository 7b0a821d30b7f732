import { Alert, Descriptions, Modal, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useRevealDeputy, type Deputy } from '../api';

/**
 * The full 身份证号 and phone of a deputy (个人信息保护法): fetched when the modal opens, shown
 * once, not kept after closing. The server logs who looked.
 */
export function RevealModal({ deputy, onClose }: { deputy: Deputy; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useRevealDeputy();
  const { mutate } = reveal;

  useEffect(() => {
    mutate(deputy.id);
  }, [deputy.id, mutate]);

  return (
    <Modal
      open
      title={t('deputies.reveal.title', { name: deputy.name })}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      {reveal.isError ? (
        <QueryError error={reveal.error} onRetry={() => mutate(deputy.id)} />
      ) : reveal.data ? (
        <>
          <Alert type="warning" showIcon title={t('deputies.reveal.notice')} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('deputies.fields.name')}>{deputy.name}</Descriptions.Item>
            <Descriptions.Item label={t('deputies.fields.idNumber')}>
              <span className="deputy-revealed" data-testid="revealed-id">{reveal.data.idNumber}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('deputies.fields.phone')}>
              <span className="deputy-revealed">{reveal.data.phone ?? t('deputies.reveal.noPhone')}</span>
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : (
        <div className="page-loading"><Spin /></div>
      )}
    </Modal>
  );
}
