/**
 * 工作进度 (the control room): every community of the round in one table and one chart — step reached, next
 * deadline, overdue steps in red, open rule breaches, voters, turnout — sorted, filtered and paged on the server.
 * A row opens the community read-only; a phase is extended with a reason.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import ReactECharts from 'echarts-for-react';
import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, authorizedFetch, unwrap } from '../../api/client';
import { keys, roundQuery } from '../../api/queries';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { formatDate } from '../../components/dates';

type Dashboard = paths['/api/v1/rounds/{id}/dashboard']['get']['responses'][200]['content']['application/json'];
type Query = NonNullable<paths['/api/v1/rounds/{id}/dashboard']['get']['parameters']['query']>;
type Row = Dashboard['items'][number];

const METHOD_ZH: Record<string, string> = { direct: '直接选举', congress: '居民代表会议', household: '户代表' };
const FILING_ZH: Record<string, string> = { submitted: '待审核', approved: '已备案', recorded: '已备案', returned: '已退回' };

function ProgressChart({ summary }: { readonly summary: Dashboard['summary'] }) {
  const steps = Object.keys(summary.byReached);
  return (
    <ReactECharts
      style={{ height: 220 }}
      opts={{ renderer: 'svg' }}
      option={{
        aria: { enabled: true },
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 24, bottom: 56 },
        xAxis: { type: 'category', data: steps.map((s) => summary.stepsZh[s] ?? s), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', minInterval: 1, name: '社区数' },
        series: [{ type: 'bar', name: '所处阶段', data: steps.map((s) => summary.byReached[s]), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top' } }],
      }}
    />
  );
}

function CommunityDrawer({ row, onClose }: { readonly row: Row | null; readonly onClose: () => void }) {
  const checks = useQuery({
    queryKey: [...keys.community(row?.communityId ?? ''), 'checks'],
    enabled: Boolean(row),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/checks', { params: { path: { id: row!.communityId } } })),
  });
  return (
    <Drawer open={Boolean(row)} onClose={onClose} title={row ? `${row.name}（只读）` : ''} size={560}>
      {row ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="选举方式">{METHOD_ZH[row.method]}</Descriptions.Item>
            <Descriptions.Item label="选举日">{formatDate(row.electionDay)}</Descriptions.Item>
            <Descriptions.Item label="所处阶段">{row.reachedZh}</Descriptions.Item>
            <Descriptions.Item label="登记选民">{row.registeredVoters}</Descriptions.Item>
            <Descriptions.Item label="备案">{row.filing ? FILING_ZH[row.filing] : '未报'}</Descriptions.Item>
            <Descriptions.Item label="交接">{row.handover.completedOn ? formatDate(row.handover.completedOn) : `应于${formatDate(row.handover.dueBy)}前完成`}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            未通过的规则
          </Typography.Title>
          <FeedbackPanel error={checks.error} />
          <Table
            size="small"
            rowKey="rule"
            loading={checks.isLoading}
            pagination={false}
            dataSource={(checks.data ?? []).filter((c) => c.status === 'fail' || c.status === 'warning')}
            locale={{ emptyText: '没有未通过的规则' }}
            columns={[
              { title: '规则', dataIndex: 'titleZh', render: (t: string, c: { rule: string }) => `${t}（${c.rule}）` },
              { title: '结果', dataIndex: 'status', render: (s: string) => (s === 'fail' ? <Tag color="#a8071a">未通过</Tag> : <Tag>提示</Tag>) },
            ]}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

function ExtendPhase({ roundId }: { readonly roundId: string }) {
  const queryClient = useQueryClient();
  const round = useQuery(roundQuery(roundId));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ phase: string; to: Dayjs; reason: string }>();
  const extend = useMutation({
    mutationFn: (v: { phase: string; to: Dayjs; reason: string }) =>
      unwrap(api.PATCH('/api/v1/rounds/{id}/phases/{phase}', { params: { path: { id: roundId, phase: v.phase } }, body: { to: v.to.format('YYYY-MM-DD'), reason: v.reason } })),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: keys.round(roundId) });
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>延长工作阶段</Button>
      <Modal open={open} title="延长工作阶段" okText="确认延长" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={extend.isPending}>
        <FeedbackPanel error={extend.error} title="阶段未能延长" />
        <Form form={form} layout="vertical" onFinish={(v) => extend.mutate(v)}>
          <Form.Item name="phase" label="阶段" rules={[{ required: true, message: '请选择阶段' }]}>
            <Select options={(round.data?.phases ?? []).map((p) => ({ value: p.name, label: `${p.name}（${formatDate(p.from)} 至 ${formatDate(p.to)}）` }))} />
          </Form.Item>
          <Form.Item name="to" label="延长至" rules={[{ required: true, message: '请选择新的结束日期' }]}>
            <DatePicker aria-label="延长至" />
          </Form.Item>
          <Form.Item name="reason" label="延长理由" rules={[{ required: true, whitespace: true, message: '延长阶段须说明理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function ControlRoomPage() {
  const { roundId = '' } = useParams();
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20, sort: 'code', order: 'asc' });
  const [open, setOpen] = useState<Row | null>(null);
  const dashboard = useQuery({
    queryKey: [...keys.round(roundId), 'dashboard', query],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/dashboard', { params: { path: { id: roundId }, query } })),
    placeholderData: (previous) => previous,
  });
  const data = dashboard.data;
  const onChange: TableProps<Row>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setQuery((q) => ({
      ...q,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      sort: (s?.order ? (s.columnKey as Query['sort']) : 'code') ?? 'code',
      order: s?.order === 'descend' ? 'desc' : 'asc',
    }));
  };
  const sortOrder = (key: string) => (query.sort === key ? (query.order === 'desc' ? 'descend' : 'ascend') : null);
  return (
    <Page title={data ? `工作进度：${data.name}` : '工作进度'} extra={<ExtendPhase roundId={roundId} />}>
      <FeedbackPanel error={dashboard.error} />
      {data ? (
        <Card size="small" style={{ marginBottom: 12 }} title={`共${data.summary.communities}个社区；逾期${data.summary.overdue}个，有未通过规则${data.summary.withBreaches}个；登记选民${data.summary.registeredVoters}人`}>
          <ProgressChart summary={data.summary} />
        </Card>
      ) : null}
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search placeholder="社区名称或代码" allowClear aria-label="查找社区" onSearch={(q) => setQuery((x) => ({ ...x, q: q || undefined, page: 1 }))} style={{ width: 220 }} />
        <Select
          aria-label="按逾期筛选"
          style={{ width: 140 }}
          value={query.overdue ?? 'all'}
          onChange={(v) => setQuery((x) => ({ ...x, overdue: v === 'all' ? undefined : (v as 'true' | 'false'), page: 1 }))}
          options={[
            { value: 'all', label: '全部社区' },
            { value: 'true', label: '只看逾期' },
            { value: 'false', label: '未逾期' },
          ]}
        />
        <Select
          aria-label="按违规筛选"
          style={{ width: 160 }}
          value={query.breaches ?? 'all'}
          onChange={(v) => setQuery((x) => ({ ...x, breaches: v === 'all' ? undefined : (v as 'true' | 'false'), page: 1 }))}
          options={[
            { value: 'all', label: '不限规则检查' },
            { value: 'true', label: '有未通过规则' },
          ]}
        />
      </Space>
      <Table<Row>
        rowKey="communityId"
        size="small"
        loading={dashboard.isFetching}
        dataSource={data?.items ?? []}
        onChange={onChange}
        onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
        pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (n) => `共${n}个社区` }}
        columns={[
          {
            title: '社区',
            key: 'name',
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (_: unknown, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(r)}>
                {r.name}
              </Button>
            ),
          },
          { title: '选举日', key: 'electionDay', dataIndex: 'electionDay', sorter: true, sortOrder: sortOrder('electionDay'), render: (d: string) => formatDate(d) },
          { title: '所处阶段', key: 'reached', dataIndex: 'reachedZh', sorter: true, sortOrder: sortOrder('reached') },
          {
            title: '下一截止日',
            key: 'nextDeadline',
            sorter: true,
            sortOrder: sortOrder('nextDeadline'),
            render: (_: unknown, r) => (r.nextDeadline ? `${formatDate(r.nextDeadline.dueBy)} ${r.nextDeadline.stepZh}` : '—'),
          },
          {
            title: '逾期事项',
            key: 'overdue',
            sorter: true,
            sortOrder: sortOrder('overdue'),
            render: (_: unknown, r) =>
              r.overdue.length === 0 ? (
                '无'
              ) : (
                <Space size={4} wrap>
                  {r.overdue.map((o) => (
                    <Tag key={o.step} color="#a8071a">
                      {o.stepZh}（{formatDate(o.dueBy)}）
                    </Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: '未通过规则',
            key: 'breaches',
            align: 'right',
            sorter: true,
            sortOrder: sortOrder('breaches'),
            render: (_: unknown, r) => (r.openBreaches > 0 ? <Typography.Text type="danger">{r.openBreaches}</Typography.Text> : 0),
          },
          { title: '登记选民', key: 'voters', dataIndex: 'registeredVoters', align: 'right', sorter: true, sortOrder: sortOrder('voters') },
          {
            title: '参选率',
            key: 'turnout',
            align: 'right',
            sorter: true,
            sortOrder: sortOrder('turnout'),
            render: (_: unknown, r) => (r.turnout?.percent !== null && r.turnout?.percent !== undefined ? `${r.turnout.percent}%` : '未计票'),
          },
        ]}
      />
      <CommunityDrawer row={open} onClose={() => setOpen(null)} />
    </Page>
  );
}
