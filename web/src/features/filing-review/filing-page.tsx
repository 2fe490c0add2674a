/**
 * 备案材料: one filing — the community's result, every rule check as filed, the papers previewed inline, the history,
 * and for the bureau the decision in one place: record (备案; a party result is approved, 批准) or return with a
 * reason that names what to fix.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Space, Table, Tabs, Tag, Timeline } from 'antd';
import { api, authorizedFetch, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { PdfPreview } from '../../components/files';
import { Page } from '../../components/page';
import { CheckDetails } from '../../components/check-status';
import { STATUS_COLOR, STATUS_ZH } from './queue-page';

const CHECK_ZH: Record<string, [string, string]> = { pass: ['通过', '#237804'], fail: ['未通过', '#a8071a'], warning: ['提示', '#ad4e00'], 'n/a': ['不适用', '#595959'] };
type Kind = 'rc' | 'party';
/** The residents' committee's filing is recorded (its older history says `approve` for the same step); the party's approved. */
const ACTION_ZH: Record<Kind, Record<string, string>> = {
  rc: { submit: '提交备案', approve: '备案', record: '备案', return: '退回' },
  party: { submit: '提交报批', approve: '批准', return: '退回' },
};
const ACCEPT: Record<Kind, { decision: 'record' | 'approve'; label: string }> = {
  rc: { decision: 'record', label: '予以备案' },
  party: { decision: 'approve', label: '予以批准' },
};

export function FilingPage() {
  const { filingId = '' } = useParams();
  const session = useSession();
  const queryClient = useQueryClient();
  // Each rule's source line, from the rule registry (`GET /rules`).
  const sources = useQuery({
    queryKey: [...keys.rules(), 'sources'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async (): Promise<ReadonlyMap<string, string>> => {
      const body = await unwrap(api.GET('/api/v1/rules'));
      return new Map(body.rules.map((r) => [r.code, r.source]));
    },
  });
  const dossier = useQuery({
    queryKey: [...keys.all, 'filings', filingId],
    queryFn: () => unwrap(api.GET('/api/v1/filings/{id}/dossier', { params: { path: { id: filingId } } })),
  });
  const [returning, setReturning] = useState(false);
  const decide = useMutation({
    mutationFn: (body: { decision: 'record' | 'approve' | 'return'; reason?: string }) => unwrap(api.POST('/api/v1/filings/{id}/review', { params: { path: { id: filingId } }, body })),
    onSuccess: () => {
      setReturning(false);
      void queryClient.invalidateQueries({ queryKey: [...keys.all, 'filings'] });
    },
  });
  const d = dossier.data;
  const result = d?.result as { registeredVoters?: number; elected?: { rc?: { name: string; postZh: string; votes: number }[] }; turnout?: { expected: number; present: number | null } | null } | undefined;
  const waiting = d?.filing.queueStatus === 'waiting';
  const accept = ACCEPT[d?.filing.kind ?? 'rc'];
  return (
    <Page title={d ? `备案材料：${d.community.name}` : '备案材料'} extra={session?.role === 'bureau' && d ? <Link to={`/audit?community=${d.community.id}`}>查看该社区操作日志</Link> : null}>
      <FeedbackPanel error={dossier.error} />
      {d ? (
        <Row gutter={16}>
          <Col span={11}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small" title="选举结果">
                <Descriptions column={2} size="small" bordered>
                  <Descriptions.Item label="街道">{d.community.streetName}</Descriptions.Item>
                  <Descriptions.Item label="选举日">{d.community.electionDay}</Descriptions.Item>
                  <Descriptions.Item label="状态">
                    <Tag color={STATUS_COLOR[d.filing.queueStatus]}>{STATUS_ZH[d.filing.queueStatus]}</Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label="登记选民">{result?.registeredVoters ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="参选">{result?.turnout ? `${result.turnout.present ?? '—'} / ${result.turnout.expected}` : '—'}</Descriptions.Item>
                </Descriptions>
                <Table
                  size="small"
                  rowKey="name"
                  pagination={false}
                  dataSource={result?.elected?.rc ?? []}
                  columns={[
                    { title: '职务', dataIndex: 'postZh' },
                    { title: '姓名', dataIndex: 'name' },
                    { title: '得票', dataIndex: 'votes', align: 'right' },
                  ]}
                />
              </Card>
              {d.filing.lastReturn && !waiting ? (
                <Alert type="warning" showIcon title="退回理由" description={d.filing.lastReturn.reason} />
              ) : null}
              {session?.role === 'bureau' ? (
                <Card size="small" title="审核决定">
                  <FeedbackPanel error={decide.error} title="决定未能保存" />
                  {waiting ? (
                    returning ? (
                      <Form layout="vertical" onFinish={(v: { reason: string }) => decide.mutate({ decision: 'return', reason: v.reason })}>
                        <Form.Item name="reason" label="退回理由（写明需要改正的内容）" rules={[{ required: true, whitespace: true, message: '退回须说明理由' }]}>
                          <Input.TextArea rows={3} />
                        </Form.Item>
                        <Space>
                          <Button danger htmlType="submit" loading={decide.isPending}>
                            确认退回
                          </Button>
                          <Button onClick={() => setReturning(false)}>取消</Button>
                        </Space>
                      </Form>
                    ) : (
                      <Space>
                        <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate({ decision: accept.decision })}>
                          {accept.label}
                        </Button>
                        <Button danger onClick={() => setReturning(true)}>
                          退回修改
                        </Button>
                      </Space>
                    )
                  ) : (
                    <span>该备案{STATUS_ZH[d.filing.queueStatus]}，无需审核。</span>
                  )}
                </Card>
              ) : null}
              <Card size="small" title="办理记录">
                <Timeline
                  items={d.filing.history.map((h) => ({
                    content: `${new Date(h.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} ${h.by} ${ACTION_ZH[d.filing.kind][h.action] ?? h.action}${h.reason ? `：${h.reason}` : ''}`,
                  }))}
                />
              </Card>
            </Space>
          </Col>
          <Col span={13}>
            <Tabs
              items={[
                {
                  key: 'checks',
                  label: `规则检查（未通过${d.filing.checks.filter((c) => c.status === 'fail').length}）`,
                  children: (
                    <Table
                      size="small"
                      rowKey="rule"
                      pagination={{ pageSize: 12 }}
                      dataSource={d.filing.checks}
                      columns={[
                        { title: '规则', dataIndex: 'titleZh', render: (t: string, c: { rule: string; justification?: string }) => `${t}（${c.rule}）` },
                        { title: '依据', key: 'source', width: 160, render: (_: unknown, c: { rule: string; justification?: string }) => sources.data?.get(c.rule) ?? '' },
                        { title: '结果', dataIndex: 'status', render: (s: string) => <Tag color={CHECK_ZH[s]?.[1]}>{CHECK_ZH[s]?.[0] ?? s}</Tag> },
                        { title: '数据', dataIndex: 'details', render: (x: unknown, c: { rule: string; justification?: string }) => <CheckDetails details={x} extra={c.justification ? `说明：${c.justification}` : undefined} /> },
                      ]}
                    />
                  ),
                },
                ...d.papers.map((p) => ({ key: p.kind, label: p.titleZh, children: <PdfPreview path={p.url} title={p.titleZh} /> })),
              ]}
            />
          </Col>
        </Row>
      ) : null}
    </Page>
  );
}
