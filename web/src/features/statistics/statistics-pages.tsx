/**
 * 换届选举情况统计表: the round's figures per community and in total (typed fields marked ＊), typed by the street
 * where the data cannot tell, reported (上报) by the street and returned (退回, with a reason) by the bureau; the
 * bureau's roll-up of its district. The same figures as the server's Excel and PDF.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { components } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { downloadFile } from '../../components/files';
import { Page } from '../../components/page';

type Statistics = components['schemas']['RoundStatistics'];
type Field = components['schemas']['StatisticsField'];
type Figures = components['schemas']['StatisticsFigures'];
const STATUS_COLOR: Record<Statistics['status'], string> = { unfilled: '#595959', submitted: '#135200', returned: '#a8071a' };

const figure = (v: number | null | undefined) => (v === null || v === undefined ? '未填' : v);

/** One column per field, grouped as on the printed form (the district roll-up: a line per street). */
function figureColumns<T extends { figures: Figures }>(fields: readonly Field[]) {
  const groups: { title: string; children: { title: string; key: string; align: 'right'; render: (_: unknown, r: T) => string | number }[] }[] = [];
  for (const f of fields) {
    let group = groups.find((g) => g.title === f.group);
    if (!group) groups.push((group = { title: f.group, children: [] }));
    group.children.push({ title: f.source === 'manual' ? `${f.labelZh}＊` : f.labelZh, key: f.key, align: 'right', render: (_, r) => figure(r.figures[f.key as keyof Figures]) });
  }
  return groups;
}

interface FigureLine {
  readonly key: string;
  readonly name: string;
  readonly figures: Figures;
}

/**
 * The round's table turned on its side for the screen: a row per field (grouped as on the printed form), a column per
 * community and the total, so some fifty fields read down the page instead of squeezing into narrow columns.
 */
function FiguresByField({ fields, lines, loading }: { readonly fields: readonly Field[]; readonly lines: readonly FigureLine[]; readonly loading: boolean }) {
  const data = fields.map((f, i) => ({
    key: f.key,
    group: f.group,
    groupSpan: i > 0 && fields[i - 1]!.group === f.group ? 0 : fields.slice(i).findIndex((g) => g.group !== f.group) === -1 ? fields.length - i : fields.slice(i).findIndex((g) => g.group !== f.group),
    label: f.source === 'manual' ? `${f.labelZh}＊` : f.labelZh,
    values: lines.map((l) => figure(l.figures[f.key as keyof Figures])),
  }));
  return (
    <Table
      rowKey="key"
      size="small"
      bordered
      loading={loading}
      dataSource={data}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '分组', dataIndex: 'group', width: 96, onCell: (r: (typeof data)[number]) => ({ rowSpan: r.groupSpan }) },
        { title: '指标', dataIndex: 'label', width: 220 },
        ...lines.map((l, i) => ({ title: l.name, key: l.key, align: 'right' as const, width: 110, render: (_: unknown, r: (typeof data)[number]) => r.values[i] })),
      ]}
    />
  );
}

export function StatisticsPage() {
  const { roundId = '' } = useParams();
  const role = useSession()?.role;
  const client = useQueryClient();
  const queryKey = [...keys.round(roundId), 'statistics'];
  const stats = useQuery({ queryKey, queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/statistics', { params: { path: { id: roundId } } })) });
  const onSuccess = (data: Statistics) => client.setQueryData(queryKey, data);
  const submit = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/rounds/{id}/statistics/submit', { params: { path: { id: roundId } } })), onSuccess });
  const [reason, setReason] = useState('');
  const giveBack = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/rounds/{id}/statistics/return', { params: { path: { id: roundId } }, body: { reason } })), onSuccess });
  const [entry, setEntry] = useState<{ communityId?: string; field?: string; value?: number | null }>({});
  const type = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/rounds/{id}/statistics/communities/{communityId}', {
          params: { path: { id: roundId, communityId: entry.communityId ?? '' } },
          body: { values: { [entry.field ?? '']: entry.value ?? null } },
        }),
      ),
    onSuccess,
  });
  const download = useMutation({ mutationFn: ({ path, name }: { path: string; name: string }) => downloadFile(path, name) });
  const s = stats.data;
  const rows = s ? [...s.rows.map((r) => ({ key: r.communityId, name: r.name, figures: r as unknown as Figures })), { key: 'total', name: '合计', figures: s.total }] : [];
  const manual = (s?.fields ?? []).filter((f) => f.source === 'manual');
  return (
    <Page
      title={s ? `换届选举情况统计表：${s.roundName}` : '换届选举情况统计表'}
      extra={
        <Space>
          <Button icon={<FilePdfOutlined />} onClick={() => download.mutate({ path: `/api/v1/rounds/${roundId}/statistics.pdf`, name: '换届选举情况统计表.pdf' })}>
            下载PDF
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => download.mutate({ path: `/api/v1/rounds/${roundId}/statistics.xlsx`, name: '换届选举情况统计表.xlsx' })}>
            下载Excel
          </Button>
          {role === 'street' ? (
            <Button type="primary" disabled={s?.status === 'submitted'} loading={submit.isPending} onClick={() => submit.mutate()}>
              上报
            </Button>
          ) : null}
        </Space>
      }
    >
      <FeedbackPanel error={stats.error ?? submit.error ?? giveBack.error ?? type.error ?? download.error} />
      {s ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Space>
            状态：<Tag style={{ color: STATUS_COLOR[s.status], borderColor: STATUS_COLOR[s.status] }}>{s.statusZh}</Tag>
          </Space>
          {s.reason ? <Alert type="error" message={`退回理由：${s.reason}`} /> : null}
          <Alert type="info" message="标＊的指标由街道手工填报，其余由系统根据选举数据自动统计；“是/否”类指标以社区数计。" />
        </Space>
      ) : null}
      {role === 'street' && s && s.status !== 'submitted' ? (
        <Card size="small" title="填报手工指标" style={{ marginBottom: 12 }}>
          <Form layout="inline">
            <Form.Item label="社区" htmlFor="stat-community">
              <Select id="stat-community" aria-label="社区" style={{ width: 160 }} value={entry.communityId} onChange={(v) => setEntry({ ...entry, communityId: v })} options={s.rows.map((r) => ({ value: r.communityId, label: r.name }))} />
            </Form.Item>
            <Form.Item label="指标" htmlFor="stat-field">
              <Select id="stat-field" aria-label="指标" style={{ width: 220 }} value={entry.field} onChange={(v) => setEntry({ ...entry, field: v })} options={manual.map((f) => ({ value: f.key, label: `${f.group}：${f.labelZh}` }))} />
            </Form.Item>
            <Form.Item label="数值" htmlFor="stat-value">
              <InputNumber id="stat-value" aria-label="数值" min={0} value={entry.value ?? null} onChange={(v) => setEntry({ ...entry, value: v })} />
            </Form.Item>
            <Form.Item>
              <Button disabled={!entry.communityId || !entry.field} loading={type.isPending} onClick={() => type.mutate()}>
                保存
              </Button>
            </Form.Item>
          </Form>
        </Card>
      ) : null}
      {role === 'bureau' && s?.status === 'submitted' ? (
        <Card size="small" title="退回街道" style={{ marginBottom: 12 }}>
          <Space.Compact style={{ width: 560 }}>
            <Input aria-label="退回理由" placeholder="退回理由" value={reason} onChange={(e) => setReason(e.target.value)} />
            <Button danger disabled={reason.trim().length === 0} loading={giveBack.isPending} onClick={() => giveBack.mutate()}>
              退回
            </Button>
          </Space.Compact>
        </Card>
      ) : null}
      {/* Possibly many communities: the region scrolls sideways and takes the keyboard's focus to do so. */}
      <div role="region" aria-label="统计表" tabIndex={0} style={{ overflowX: 'auto' }}>
        <FiguresByField fields={s?.fields ?? []} lines={rows} loading={stats.isLoading} />
      </div>
    </Page>
  );
}

export function DistrictStatisticsPage() {
  const districtId = useSession()?.scopeId ?? '';
  const stats = useQuery({
    queryKey: [...keys.district(districtId), 'statistics'],
    enabled: Boolean(districtId),
    queryFn: () => unwrap(api.GET('/api/v1/districts/{id}/statistics', { params: { path: { id: districtId } } })),
  });
  const d = stats.data;
  type Line = { key: string; name: string; roundId: string | null; statusZh: string; status: Statistics['status'] | null; figures: Figures };
  const rows: Line[] = d
    ? [
        ...d.rows.map((r) => ({ key: r.roundId, name: `${r.streetName}　${r.roundName}`, roundId: r.roundId, statusZh: r.statusZh, status: r.status, figures: r.total })),
        { key: 'total', name: `全区合计（已上报${d.reported}个街道）`, roundId: null, statusZh: '', status: null, figures: d.total },
      ]
    : [];
  return (
    <Page title={d ? `换届选举情况统计：${d.districtName}` : '换届选举情况统计'}>
      <FeedbackPanel error={stats.error} />
      <div role="region" aria-label="全区统计表" tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table
        rowKey="key"
        size="small"
        bordered
        style={{ width: 'max-content' }}
        loading={stats.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '街道', dataIndex: 'name', render: (name: string, r: Line) => (r.roundId ? <Link to={`/statistics/${r.roundId}`}>{name}</Link> : name) },
          { title: '状态', dataIndex: 'statusZh', render: (z: string, r: Line) => (r.status ? <Tag style={{ color: STATUS_COLOR[r.status], borderColor: STATUS_COLOR[r.status] }}>{z}</Tag> : null) },
          ...figureColumns<Line>(d?.fields ?? []),
        ]}
      />
      </div>
    </Page>
  );
}
