import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Image, Popconfirm, Spin, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { QueryError } from '../../../components/query-error';
import { useDeputyBriefs, useGroups } from '../../deputies/api';
import { useActivity, useArchiveActivity, useArchivePhoto, useUploadPhoto } from '../api';
import { ActivityFormDrawer } from '../components/activity-form-drawer';
import { OpinionFormModal } from '../components/opinion-form-modal';
import { OpinionList } from '../components/opinion-list';
import { KindTag } from '../components/tags';
import '../duty.css';

const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** /duty/activities/:id: one activity with its sites, participants, photos and the opinions collected in it. */
export default function ActivityDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const activity = useActivity(id);
  const groups = useGroups(township.id);
  const deputies = useDeputyBriefs(township.id, { level: 'township' });
  const upload = useUploadPhoto(id);
  const removePhoto = useArchivePhoto();
  const archive = useArchiveActivity();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);

  if (activity.isError) return <QueryError error={activity.error} onRetry={() => void activity.refetch()} />;
  const a = activity.data;
  if (!a) return <div className="page-loading"><Spin /></div>;
  const sep = t('duty.common.listSeparator');
  const groupName = a.groupId ? groups.data?.find((g) => g.id === a.groupId)?.name : null;
  const author = a.reportAuthorDeputyId ? (a.participants.find((p) => p.deputyId === a.reportAuthorDeputyId)?.name ?? deputies.data?.find((d) => d.id === a.reportAuthorDeputyId)?.name) : null;

  const onUpload = (file: File) => {
    if (!PHOTO_TYPES.includes(file.type)) {
      void message.error(t('duty.photos.wrongType'));
      return false;
    }
    upload.mutate(file, { onSuccess: () => void message.success(t('duty.photos.uploaded')), onError: (err) => report(err) });
    return false;
  };

  return (
    <div className="duty-page">
      <Link to="/duty/activities" className="duty-back"><ArrowLeftOutlined aria-hidden /> {t('duty.activities.back')}</Link>
      <div className="duty-detail-header">
        <div className="duty-detail-tags">
          <KindTag kind={a.kind} />
          <span className="duty-muted">{a.heldOn}</span>
          {a.countyNotice ? <span className="duty-notice">{a.countyNotice}</span> : null}
        </div>
        <h1 className="duty-detail-title">{a.title}</h1>
        {a.canEdit ? (
          <div className="duty-actions-row">
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            <Popconfirm
              title={t('duty.activities.archiveConfirm')}
              okText={t('duty.activities.archive')}
              okButtonProps={{ danger: true }}
              onConfirm={() => archive.mutate(a.id, { onSuccess: () => { void message.success(t('duty.activities.archived')); void navigate('/duty/activities'); }, onError: (err) => report(err) })}
            >
              <Button danger icon={<DeleteOutlined aria-hidden />}>{t('duty.activities.archive')}</Button>
            </Popconfirm>
          </div>
        ) : null}
      </div>
      <Card title={t('duty.activities.facts')} className="duty-section">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('duty.fields.heldOn')}>{a.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('duty.fields.place')}>{a.place}</Descriptions.Item>
          <Descriptions.Item label={t('duty.fields.organiser')}>{t(`duty.organisers.${a.organiser}`)}{a.countyNotice ? `（${a.countyNotice}）` : ''}</Descriptions.Item>
          {a.announcedOn ? <Descriptions.Item label={t('duty.fields.announcedOn')}>{a.announcedOn}</Descriptions.Item> : null}
          {groupName ? <Descriptions.Item label={t('duty.fields.group')}>{groupName}</Descriptions.Item> : null}
          <Descriptions.Item label={t('duty.fields.votersContacted')}>{a.votersContacted}</Descriptions.Item>
          <Descriptions.Item label={t('duty.fields.participants')} span={2}>{a.participants.map((p) => p.name).join(sep) || '—'}</Descriptions.Item>
          {a.sites.length ? (
            <Descriptions.Item label={t('duty.fields.sites')} span={2}>
              <ol className="duty-sites-list">{a.sites.map((s) => <li key={s.id}>{s.name}{s.note ? <span className="duty-muted">（{s.note}）</span> : null}</li>)}</ol>
            </Descriptions.Item>
          ) : null}
          {author ? <Descriptions.Item label={t('duty.fields.reportAuthor')}>{author}</Descriptions.Item> : null}
          {a.materials ? <Descriptions.Item label={t('duty.fields.materials')} span={2}><span className="duty-pre">{a.materials}</span></Descriptions.Item> : null}
          {a.notes ? <Descriptions.Item label={t('duty.fields.notes')} span={2}><span className="duty-pre">{a.notes}</span></Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card
        title={t('duty.photos.title', { count: a.photos.length })}
        className="duty-section"
        extra={a.canEdit ? (
          <Upload accept=".jpg,.jpeg,.png,image/jpeg,image/png" showUploadList={false} multiple beforeUpload={onUpload}>
            <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t('duty.photos.upload')}</Button>
          </Upload>
        ) : null}
      >
        {a.photos.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.photos.empty')} /> : (
          <Image.PreviewGroup>
            <ul className="duty-gallery">
              {a.photos.map((p) => (
                <li key={p.id}>
                  <Image src={p.url} alt={p.fileName} width={160} height={120} className="duty-photo" />
                  {a.canEdit ? (
                    <Popconfirm title={t('duty.photos.removeConfirm')} onConfirm={() => removePhoto.mutate(p.id, { onError: (err) => report(err) })}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('duty.photos.remove', { name: p.fileName })} />
                    </Popconfirm>
                  ) : null}
                </li>
              ))}
            </ul>
          </Image.PreviewGroup>
        )}
        <p className="duty-muted duty-small">{t('duty.photos.hint')}</p>
      </Card>
      <Card
        title={t('duty.activities.opinions', { count: a.opinions.length })}
        className="duty-section"
        extra={a.canEdit ? <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t('duty.activities.addOpinion')}</Button> : null}
      >
        <OpinionList opinions={a.opinions} loading={false} showSource={false} />
      </Card>
      {editing ? <ActivityFormDrawer activity={a} onClose={() => setEditing(false)} /> : null}
      {adding ? <OpinionFormModal activityId={a.id} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
