import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { daysBetween, RECEPTION_ANNOUNCEMENT_DAYS, receptionAnnouncementOk } from '../../../../domain/due-dates';
import { useDeputyBriefs, useGroups } from '../../deputies/api';
import { useVillages } from '../../villages/api';
import { useCreateActivity, useUpdateActivity } from '../api';
import { ACTIVITY_KINDS, type ActivityDetail, type ActivityInput, type ActivityKind } from '../types';

interface Values {
  kind: ActivityKind;
  title?: string;
  heldOn: Dayjs;
  place: string;
  organiser: 'township' | 'county';
  countyNotice?: string;
  groupId?: string;
  announcedOn?: Dayjs;
  deputyIds: string[];
  votersContacted?: number | null;
  sites: { name: string; villageId?: string; note?: string }[];
  reportAuthorDeputyId?: string;
  materials?: string;
  notes?: string;
}

/** Which kinds ask for which fields (the rest keep their values empty). */
const HAS_SITES: ActivityKind[] = ['inspection', 'research'];
const HAS_GROUP: ActivityKind[] = ['inspection', 'group_activity'];
const HAS_VOTERS: ActivityKind[] = ['voter_contact', 'reception', 'research'];

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Creates or edits a duty activity (履职活动): the fields follow its kind. */
export function ActivityFormDrawer({ activity, onClose, onSaved }: { activity?: ActivityDetail; onClose: () => void; onSaved?: (a: ActivityDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const { can } = useAuth();
  const township = useTownship();
  const [form] = Form.useForm<Values>();
  const deputies = useDeputyBriefs(township.id, { level: 'township' });
  const groups = useGroups(township.id);
  const villages = useVillages(township.id);
  const create = useCreateActivity(township.id);
  const update = useUpdateActivity(activity?.id ?? '');
  const kind = Form.useWatch('kind', form) ?? activity?.kind ?? 'voter_contact';
  const organiser = Form.useWatch('organiser', form);
  const heldOn = Form.useWatch('heldOn', form);
  const announcedOn = Form.useWatch('announcedOn', form);

  const deputyOptions = (deputies.data ?? []).filter((d) => d.isServing || activity?.participants.some((p) => p.deputyId === d.id)).map((d) => ({ value: d.id, label: d.name }));
  const villageOptions = (villages.data ?? []).filter((v) => !v.archivedAt).map((v) => ({ value: v.id, label: v.name }));

  const initialValues: Partial<Values> = activity ? {
    kind: activity.kind, title: activity.title, heldOn: dayjs(activity.heldOn), place: activity.place, organiser: activity.organiser,
    countyNotice: activity.countyNotice ?? undefined, groupId: activity.groupId ?? undefined, announcedOn: activity.announcedOn ? dayjs(activity.announcedOn) : undefined,
    deputyIds: activity.participants.map((p) => p.deputyId), votersContacted: activity.votersContacted,
    sites: activity.sites.map((s) => ({ name: s.name, villageId: s.villageId ?? undefined, note: s.note ?? undefined })),
    reportAuthorDeputyId: activity.reportAuthorDeputyId ?? undefined, materials: activity.materials ?? undefined, notes: activity.notes ?? undefined,
  } : { kind: 'voter_contact', organiser: 'township', deputyIds: [], sites: [] };

  const receptionDays = kind === 'reception' && heldOn && announcedOn ? daysBetween(day(announcedOn)!, day(heldOn)!) : null;
  const receptionOk = receptionDays === null || receptionAnnouncementOk(day(announcedOn)!, day(heldOn)!);

  const onFinish = (v: Values) => {
    const input: Omit<ActivityInput, 'kind'> = {
      ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      heldOn: day(v.heldOn)!, place: v.place.trim(), organiser: v.organiser,
      countyNotice: v.organiser === 'county' ? v.countyNotice?.trim() || null : null,
      groupId: HAS_GROUP.includes(v.kind) ? v.groupId ?? null : null,
      announcedOn: v.kind === 'reception' ? day(v.announcedOn) : null,
      deputyIds: v.deputyIds ?? [],
      votersContacted: HAS_VOTERS.includes(v.kind) ? v.votersContacted ?? 0 : 0,
      sites: HAS_SITES.includes(v.kind) ? (v.sites ?? []).filter((s) => s?.name?.trim()).map((s) => ({ name: s.name.trim(), villageId: s.villageId ?? null, note: s.note?.trim() || null })) : [],
      reportAuthorDeputyId: v.kind === 'inspection' ? v.reportAuthorDeputyId ?? null : null,
      materials: v.kind === 'study' ? v.materials?.trim() || null : null,
      notes: v.notes?.trim() || null,
    };
    const done = {
      onSuccess: (a: ActivityDetail) => { void message.success(t('duty.activityForm.saved')); onSaved?.(a); onClose(); },
      onError: (err: unknown) => report(err, form, { announcedOn: 'announcedOn', reportAuthorDeputyId: 'reportAuthorDeputyId' }),
    };
    if (activity) update.mutate(input, done);
    else create.mutate({ kind: v.kind, ...input }, done);
  };

  return (
    <Drawer
      open
      title={t(activity ? 'duty.activityForm.editTitle' : 'duty.activityForm.createTitle')}
      onClose={onClose}
      size={640}
      destroyOnHidden
      className="duty-drawer"
      extra={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional">
        <Form.Item name="kind" label={t('duty.fields.kind')} rules={[{ required: true }]}>
          <Radio.Group disabled={Boolean(activity)} className="duty-kind-radio">
            {ACTIVITY_KINDS.map((k) => <Radio.Button key={k} value={k}>{t(`duty.kinds.${k}`)}</Radio.Button>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="title" label={t('duty.fields.title')} extra={t('duty.activityForm.titleHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size={16} className="duty-form-row">
          <Form.Item name="heldOn" label={t('duty.fields.heldOn')} rules={[{ required: true, message: t('duty.visit.dateRequired') }]}>
            <DatePicker className="duty-date" />
          </Form.Item>
          {kind === 'reception' ? (
            <Form.Item
              name="announcedOn"
              label={t('duty.fields.announcedOn')}
              rules={[{ required: true, message: t('duty.activityForm.announcedRequired') }]}
              validateStatus={receptionOk ? undefined : 'error'}
              help={receptionOk ? undefined : t('duty.activityForm.announcedTooLate', { days: receptionDays ?? 0, required: RECEPTION_ANNOUNCEMENT_DAYS })}
            >
              <DatePicker className="duty-date" />
            </Form.Item>
          ) : null}
        </Space>
        {kind === 'reception' ? <Alert type="info" showIcon className="duty-alert" title={t('duty.activityForm.receptionRule', { days: RECEPTION_ANNOUNCEMENT_DAYS })} /> : null}
        <Form.Item name="place" label={t('duty.fields.place')} rules={[{ required: true, whitespace: true, message: t('duty.visit.placeRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="organiser" label={t('duty.fields.organiser')}>
          <Radio.Group>
            <Radio value="township">{t('duty.organisers.township')}</Radio>
            <Radio value="county">{t('duty.organisers.county')}</Radio>
          </Radio.Group>
        </Form.Item>
        {organiser === 'county' ? (
          <Form.Item name="countyNotice" label={t('duty.fields.countyNotice')} extra={t('duty.activityForm.countyNoticeHint')}>
            <Input maxLength={60} />
          </Form.Item>
        ) : null}
        {HAS_GROUP.includes(kind) ? (
          <Form.Item name="groupId" label={t('duty.fields.group')}>
            <Select allowClear options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="deputyIds" label={t('duty.fields.participants')} extra={can('duty.manage') ? undefined : t('duty.activityForm.selfIncluded')}>
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={deputyOptions} maxTagCount={12} />
        </Form.Item>
        {HAS_VOTERS.includes(kind) ? (
          <Form.Item name="votersContacted" label={t('duty.fields.votersContacted')}>
            <InputNumber min={0} max={100000} className="duty-number" />
          </Form.Item>
        ) : null}
        {HAS_SITES.includes(kind) ? (
          <Form.Item label={t('duty.fields.sites')}>
            <Form.List name="sites">
              {(fields, { add, remove }) => (
                <div className="duty-sites">
                  {fields.map((f, i) => (
                    <div key={f.key} className="duty-site-row">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('duty.activityForm.siteRequired') }]} className="duty-site-name">
                        <Input maxLength={60} placeholder={t('duty.activityForm.siteName')} aria-label={t('duty.activityForm.siteN', { n: i + 1 })} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'villageId']} className="duty-site-village">
                        <Select allowClear options={villageOptions} placeholder={t('duty.fields.village')} aria-label={t('duty.activityForm.siteVillage', { n: i + 1 })} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)} aria-label={t('duty.activityForm.removeSite', { n: i + 1 })} />
                    </div>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '' })}>{t('duty.activityForm.addSite')}</Button>
                </div>
              )}
            </Form.List>
          </Form.Item>
        ) : null}
        {kind === 'inspection' ? (
          <Form.Item name="reportAuthorDeputyId" label={t('duty.fields.reportAuthor')} extra={t('duty.activityForm.reportAuthorHint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deputyOptions} />
          </Form.Item>
        ) : null}
        {kind === 'study' ? (
          <Form.Item name="materials" label={t('duty.fields.materials')} extra={t('duty.activityForm.materialsHint')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        ) : null}
        <Form.Item name="notes" label={t('duty.fields.notes')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
