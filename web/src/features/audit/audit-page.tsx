/** 操作日志: a community's audit log with filters, and the chain verification as a plain verdict. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';

type Query = NonNullable<paths['/api/v1/communities/{id}/audit']['get']['parameters']['query']>;
const ROLE_ZH: Record<string, string> = { admin: '系统管理员', street: '街道', committee: '选举委员会', scrutineer: '监票人', bureau: '区民政局', system: '系统' };

function Verdict() {
  const [run, setRun] = useState(false);
  const verify = useQuery({ queryKey: [...keys.all, 'audit', 'verify'], enabled: run, queryFn: () => unwrap(api.GET('/api/v1/audit/verify')) });
  return (
    <Card size="small" style={{ marginBottom: 12 }} title="日志完整性校验">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button onClick={() => (run ? void verify.refetch() : setRun(true))} loading={verify.isFetching}>
          校验日志链
        </Button>
        <FeedbackPanel error={verify.error} />
        {verify.data ? (
          verify.data.ok ? (
            <Alert type="success" showIcon title={`日志完整：全部 ${verify.data.entries} 条记录前后衔接、未被改动。`} />
          ) : (
            <Alert type="error" showIcon title={`日志被改动：第 ${verify.data.firstBroken?.seq ?? '?'} 条记录${verify.data.firstBroken?.reason === 'link' ? '与前一条衔接不上' : '内容与校验值不符'}，请立即报告。`} />
          )
        ) : null}
      </Space>
    </Card>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const communityId = params.get('community') ?? '';
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const log = useQuery({
    queryKey: [...keys.community(communityId), 'audit', query],
    enabled: Boolean(communityId),
    placeholderData: (previous) => previous,
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/audit', { params: { path: { id: communityId }, query } })),
  });
  return (
    <Page title="操作日志">
      <Verdict />
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          aria-label="社区编号"
          placeholder="社区编号（从备案材料进入时自动填写）"
          defaultValue={communityId}
          style={{ width: 380 }}
          onSearch={(v) => setParams(v ? { community: v.trim() } : {})}
        />
        <Select aria-label="对象" allowClear placeholder="对象" style={{ width: 140 }} options={(log.data?.entities ?? []).map((e) => ({ value: e, label: e }))} onChange={(entity?: string) => setQuery((q) => ({ ...q, entity, page: 1 }))} />
        <Select aria-label="操作" allowClear placeholder="操作" style={{ width: 160 }} options={(log.data?.actions ?? []).map((e) => ({ value: e, label: e }))} onChange={(action?: string) => setQuery((q) => ({ ...q, action, page: 1 }))} />
        <Input.Search aria-label="操作人" placeholder="操作人" allowClear style={{ width: 140 }} onSearch={(actor) => setQuery((q) => ({ ...q, actor: actor || undefined, page: 1 }))} />
        <DatePicker.RangePicker
          aria-label="日期"
          onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
            setQuery((q) => ({ ...q, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: 1 }))
          }
        />
      </Space>
      <FeedbackPanel error={log.error} />
      <Table
        rowKey="seq"
        size="small"
        loading={log.isFetching}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: communityId ? '没有符合条件的记录' : '请先填写社区编号' }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: log.data?.total ?? 0, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          { title: '操作人', dataIndex: 'actorName' },
          { title: '角色', dataIndex: 'role', render: (r: string) => ROLE_ZH[r] ?? r },
          { title: '操作', dataIndex: 'action' },
          { title: '对象', dataIndex: 'entity' },
          { title: '内容', dataIndex: 'after', ellipsis: true, render: (a: unknown) => (a ? JSON.stringify(a).slice(0, 200) : '') },
        ]}
      />
    </Page>
  );
}
