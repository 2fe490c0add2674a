/**
 * 候选人资格联审 (CAN-VETTING): the committee sees per candidate which departments are still to review and who said
 * 不通过; the street names the round's departments, switches review-2021 on and reads the round's grid.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Alert, Button, Card, Form, Select, Space, Switch, Table, Tag } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { components } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { downloadFile } from '../../components/files';
import { Page } from '../../components/page';

type Candidate = components['schemas']['CandidateVetting'];
type State = Candidate['verdict'];

const TYPICAL = ['纪委监委', '组织部', '政法委', '公安', '法院', '检察院', '司法', '信访', '民政', '卫健'];
const STATE: Record<State, { label: string; color: string }> = {
  // Dark text on the tag's light ground (the preset colours are too pale for a contrast ratio of 4.5:1).
  pass: { label: '通过', color: '#135200' },
  fail: { label: '不通过', color: '#a8071a' },
  pending: { label: '待审', color: '#595959' },
};
const stateTag = (s: State) => <Tag style={{ color: STATE[s].color, borderColor: STATE[s].color }}>{STATE[s].label}</Tag>;

export function CommunityVettingPage() {
  const communityId = useSession()?.scopeId ?? '';
  const vetting = useQuery({
    queryKey: [...keys.community(communityId), 'vetting'],
    enabled: Boolean(communityId),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/vetting', { params: { path: { id: communityId } } })),
  });
  const download = useMutation({ mutationFn: () => downloadFile(`/api/v1/communities/${communityId}/vetting.pdf`, '候选人资格联审情况表.pdf') });
  const data = vetting.data;
  return (
    <Page
      title="资格联审"
      extra={
        <Button icon={<FilePdfOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
          打印资格联审情况表
        </Button>
      }
    >
      <FeedbackPanel error={vetting.error ?? download.error} />
      {data ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={data.option ? 'info' : 'warning'}
          message={
            data.option
              ? `本轮已启用资格联审（${data.departments.map((d) => d.name).join('、')}）：有部门“不通过”或尚待审查的，不得列入正式候选人名单。`
              : '本轮未启用资格联审，联审意见仅供参考。'
          }
        />
      ) : null}
      <Table
        rowKey="nominationId"
        size="small"
        loading={vetting.isLoading}
        dataSource={data?.candidates ?? []}
        pagination={false}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '提名职位', dataIndex: 'contestZh' },
          { title: '联审结论', dataIndex: 'verdict', render: (v: State) => stateTag(v) },
          { title: '尚待审查的部门', key: 'pending', render: (_: unknown, c: Candidate) => (c.pending.length ? c.pending.join('、') : '—') },
          {
            title: '不通过的部门及理由',
            key: 'refused',
            render: (_: unknown, c: Candidate) => {
              const refused = c.reviews.filter((r) => r.decision === 'fail');
              return refused.length ? refused.map((r) => `${r.department}（${r.reason ?? ''}）`).join('；') : '—';
            },
          },
        ]}
      />
    </Page>
  );
}

export function RoundVettingPage() {
  const { roundId = '' } = useParams();
  const client = useQueryClient();
  const vetting = useQuery({
    queryKey: [...keys.round(roundId), 'vetting'],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/vetting', { params: { path: { id: roundId } } })),
  });
  const [departments, setDepartments] = useState<string[]>([]);
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    if (!vetting.data) return;
    setDepartments(vetting.data.departments.map((d) => d.name));
    setEnabled(vetting.data.option !== null);
  }, [vetting.data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/rounds/{id}/vetting', { params: { path: { id: roundId } }, body: { option: enabled ? 'review-2021' : null, departments } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.round(roundId) }),
  });
  const data = vetting.data;
  return (
    <Page title="资格联审">
      <FeedbackPanel error={vetting.error ?? save.error} />
      <Card size="small" title="联审设置" style={{ marginBottom: 12 }}>
        <Form layout="inline">
          <Form.Item label="联审部门" htmlFor="vetting-departments">
            <Select
              id="vetting-departments"
              mode="tags"
              style={{ minWidth: 420 }}
              value={departments}
              onChange={setDepartments}
              options={TYPICAL.map((d) => ({ value: d, label: d }))}
              aria-label="联审部门"
            />
          </Form.Item>
          <Form.Item label="启用资格联审（review-2021）" htmlFor="vetting-enabled">
            <Switch id="vetting-enabled" checked={enabled} onChange={setEnabled} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
              保存设置
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {data ? (
        <Space style={{ marginBottom: 8 }}>
          {stateTag('pass')}
          {data.counts.pass}人 {stateTag('fail')}
          {data.counts.fail}人 {stateTag('pending')}
          {data.counts.pending}人
        </Space>
      ) : null}
      <Table
        rowKey="nominationId"
        size="small"
        loading={vetting.isLoading}
        dataSource={data?.candidates ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '社区', dataIndex: 'communityName' },
          { title: '姓名', dataIndex: 'name' },
          { title: '提名职位', dataIndex: 'contestZh' },
          ...(data?.departments ?? []).map((d) => ({
            title: d.name,
            key: d.id,
            render: (_: unknown, c: Candidate) => {
              const review = c.reviews.find((r) => r.departmentId === d.id);
              return review ? <span title={review.reason ?? undefined}>{stateTag(review.decision)}</span> : null;
            },
          })),
          { title: '结论', dataIndex: 'verdict', render: (v: State) => stateTag(v) },
        ]}
      />
    </Page>
  );
}
