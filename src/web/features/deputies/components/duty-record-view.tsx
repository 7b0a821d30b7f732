import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Flex, List, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import i18n from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useConstituencies, useDutyRecord, useGroups, type DutyRecord } from '../api';
import { levelTermLabel, mandateLabel, titleFor } from '../format';
import '../deputies.css';

interface BreakdownRow {
  kind: string;
  count: number;
  pointsEach: number;
  points: number;
}

function RecordBody({ record }: { record: DutyRecord }) {
  const { t } = useTranslation();
  const d = record.deputy;
  const constituencies = useConstituencies(d.townshipId);
  const groups = useGroups(d.townshipId);
  const exists = (key: string) => i18n.exists(key);
  const constituency = d.constituencyId ? constituencies.data?.find((c) => c.id === d.constituencyId)?.name : undefined;
  const group = d.groupId ? groups.data?.find((g) => g.id === d.groupId)?.name : undefined;
  const breakdown: BreakdownRow[] = Object.entries(record.score.breakdown).map(([kind, v]) => ({ kind, ...v }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('deputies.record.info')} className="record-card">
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered>
          <Descriptions.Item label={t('deputies.fields.name')}><span data-testid="record-name">{d.name}</span></Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.gender')}>{t(`deputies.genders.${d.gender}`)}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.ethnicity')}>{d.ethnicity}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.birthDate')}>{d.birthDate}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.idNumber')}><span className="masked">{d.idNumberMasked}</span></Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.phone')}><span className="masked">{d.phoneMasked ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.party')}>{d.party}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.education')}>{d.education}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.occupation')}>{d.occupation}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.levelTerm')}>{levelTermLabel(t, d)}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.constituency')}>{constituency ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.group')}>{group ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.workplace')} span={{ xs: 1, sm: 2, lg: 2 }}>{d.workplace ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('deputies.fields.mandate')}>
            {mandateLabel(t, d)}
            {d.isServing ? null : <Tag style={{ marginInlineStart: 8 }}>{d.endReason ? t('deputies.status.endedWithReason', { reason: d.endReason }) : t('deputies.status.ended')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('deputies.record.roles')} span="filled">
            {record.roles.length ? (
              <ul className="record-roles">{record.roles.map((r) => <li key={r}>{r}</li>)}</ul>
            ) : t('deputies.record.noRoles')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('deputies.record.points')} className="record-card">
        <Row gutter={[24, 16]}>
          <Col xs={24} md={8}>
            <Flex vertical gap={16}>
              <Statistic title={t('deputies.record.total')} value={record.score.total} className="stat-card" data-testid="record-total" />
              <Statistic
                title={t('deputies.record.rank')}
                value={record.rank !== null ? t('deputies.record.rankValue', { rank: record.rank, total: record.rankedOf }) : t('deputies.record.notRanked')}
                data-testid="record-rank"
              />
            </Flex>
          </Col>
          <Col xs={24} md={16}>
            <Table<BreakdownRow>
              size="small"
              rowKey="kind"
              pagination={false}
              dataSource={breakdown}
              locale={{ emptyText: <Typography.Text type="secondary">{t('deputies.record.noPoints')}</Typography.Text> }}
              columns={[
                { title: t('deputies.record.kind'), dataIndex: 'kind', render: (k: string) => titleFor(t, exists, 'deputies.pointKinds', k) },
                { title: t('deputies.record.count'), dataIndex: 'count', align: 'end', width: 90 },
                { title: t('deputies.record.pointsEach'), dataIndex: 'pointsEach', align: 'end', width: 100 },
                { title: t('deputies.record.subtotal'), dataIndex: 'points', align: 'end', width: 90 },
              ]}
            />
          </Col>
        </Row>
      </Card>

      {record.sections.map((s) => (
        <Card
          key={s.key}
          title={titleFor(t, exists, 'deputies.sections', s.key)}
          extra={s.items.length ? <Typography.Text type="secondary">{t('deputies.record.items', { count: s.items.length })}</Typography.Text> : null}
          className="record-card record-section"
          data-testid={`record-section-${s.key}`}
        >
          {s.items.length === 0 ? (
            <Typography.Text type="secondary">{t('deputies.record.empty')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={s.items}
              renderItem={(item) => (
                <List.Item>
                  <Flex gap={16} style={{ width: '100%' }}>
                    <span className="record-date">{item.date}</span>
                    <span style={{ flex: 1 }}>
                      {item.title}
                      {item.detail ? <Typography.Text type="secondary" className="record-detail">{item.detail}</Typography.Text> : null}
                    </span>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      ))}
      {record.sections.length === 0 ? (
        <Card className="record-card"><Empty description={t('deputies.record.empty')} /></Card>
      ) : null}
      <p className="print-only record-printed">{t('deputies.record.printedAt', { time: formatDateTime(new Date().toISOString()) })}</p>
    </Space>
  );
}

/**
 * 履职档案 (代表法 第58条): a deputy's details, roles, duty points and rank, and each module's
 * section for one year; printable.
 */
export function DutyRecordView({ deputyId, year, onYearChange, back, actions }: {
  deputyId: string | undefined;
  year: number;
  onYearChange: (year: number) => void;
  back?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const record = useDutyRecord(deputyId, year);
  const name = record.data?.deputy.name;

  return (
    <div className="duty-record">
      <PageHeader
        title={name ? t('deputies.record.titleOf', { name }) : t('deputies.record.title')}
        extra={(
          <div className="no-print">
            <Space wrap>
              {back}
              <DatePicker
                picker="year"
                allowClear={false}
                aria-label={t('deputies.record.year')}
                value={dayjs(`${year}-01-01`)}
                onChange={(v) => v && onYearChange(v.year())}
                disabledDate={(d) => d.year() > dayjs().year() || d.year() < 2000}
              />
              {actions}
              <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>{t('deputies.record.print')}</Button>
            </Space>
          </div>
        )}
      >
        <p className="page-intro">
          <span className="record-year">{t('deputies.record.yearValue', { year })}</span>
          {t('deputies.record.intro')}
        </p>
      </PageHeader>
      {record.isError ? (
        <QueryError error={record.error} onRetry={() => void record.refetch()} />
      ) : record.data ? (
        <RecordBody record={record.data} />
      ) : (
        <div className="page-loading"><Spin /></div>
      )}
    </div>
  );
}
