/** 备案审核: the filings of the district (or the street) by status and street, oldest first, with counts. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Select, Space, Table, Tabs, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';

type Query = NonNullable<paths['/api/v1/filings/queue']['get']['parameters']['query']>;
type Status = NonNullable<Query['status']>;
export const STATUS_ZH: Record<Status, string> = { waiting: '待审核', recorded: '已备案', returned: '已退回' };
export const STATUS_COLOR: Record<Status, string> = { waiting: '#0958d9', recorded: '#237804', returned: '#a8071a' };

export function FilingQueuePage() {
  const [query, setQuery] = useState<Query>({ status: 'waiting', page: 1, pageSize: 20 });
  const queue = useQuery({
    queryKey: [...keys.all, 'filings', 'queue', query],
    queryFn: () => unwrap(api.GET('/api/v1/filings/queue', { params: { query } })),
    placeholderData: (previous) => previous,
  });
  const counts = queue.data?.counts;
  return (
    <Page title="备案审核">
      <FeedbackPanel error={queue.error} />
      <Space style={{ marginBottom: 8 }}>
        <label htmlFor="street-filter">街道</label>
        <Select
          id="street-filter"
          style={{ width: 220 }}
          value={query.streetId ?? 'all'}
          onChange={(v) => setQuery((q) => ({ ...q, streetId: v === 'all' ? undefined : v, page: 1 }))}
          options={[{ value: 'all', label: '全部街道' }, ...(queue.data?.streets ?? []).map((s) => ({ value: s.streetId, label: `${s.name}（待审核${s.waiting}）` }))]}
        />
      </Space>
      <Tabs
        activeKey={query.status ?? 'all'}
        onChange={(k) => setQuery((q) => ({ ...q, status: k === 'all' ? undefined : (k as Status), page: 1 }))}
        items={[
          ...(['waiting', 'recorded', 'returned'] as const).map((s) => ({ key: s, label: `${STATUS_ZH[s]}（${counts?.[s] ?? 0}）` })),
          { key: 'all', label: '全部' },
        ]}
      />
      <Table
        rowKey="id"
        size="small"
        loading={queue.isFetching}
        dataSource={queue.data?.items ?? []}
        pagination={{ current: query.page, pageSize: query.pageSize, total: queue.data?.total ?? 0, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
        columns={[
          { title: '社区', dataIndex: 'communityName', render: (name: string, r: { id: string; failing: number; warnings: number }) => <Link to={`/filings/${r.id}`}>{name}</Link> },
          { title: '街道', dataIndex: 'streetName' },
          { title: '类别', dataIndex: 'kind', render: (k: string) => (k === 'rc' ? '居民委员会' : '党组织') },
          { title: '提交时间', dataIndex: 'submittedAt', render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          { title: '状态', dataIndex: 'queueStatus', render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{STATUS_ZH[s]}</Tag> },
          { title: '未通过/提示', key: 'checks', render: (_: unknown, r: { id: string; failing: number; warnings: number }) => `${r.failing} / ${r.warnings}` },
          { title: '最近退回理由', dataIndex: ['lastReturn', 'reason'], ellipsis: true },
        ]}
      />
    </Page>
  );
}
