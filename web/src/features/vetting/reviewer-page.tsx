/**
 * 资格审查 (a department's reviewer, CAN-VETTING): the rounds of the department's district, and for the chosen round
 * each candidate with this department's decision; the reviewer records 通过, or 不通过 with a reason (the server
 * refuses a refusal without one). A round that does not name this department is said so.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { components } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { formatDate } from '../../components/dates';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';

type Candidate = components['schemas']['CandidateVetting'];
const STATE: Record<Candidate['verdict'], { label: string; color: string }> = {
  pass: { label: '通过', color: '#135200' },
  fail: { label: '不通过', color: '#a8071a' },
  pending: { label: '待审', color: '#595959' },
};

export function ReviewerPage() {
  const departmentId = useSession()?.scopeId ?? '';
  const rounds = useQuery({ queryKey: ['api', 'rounds', 'reviewer'], queryFn: () => unwrap(api.GET('/api/v1/rounds', { params: { query: { page: 1, pageSize: 100 } } })) });
  const [picked, setPicked] = useState<string>();
  const roundId = picked ?? rounds.data?.items.at(-1)?.id ?? '';
  const vetting = useQuery({
    queryKey: [...keys.round(roundId), 'vetting'],
    enabled: Boolean(roundId),
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/vetting', { params: { path: { id: roundId } } })),
  });
  const [refusing, setRefusing] = useState<Candidate>();
  const department = vetting.data?.departments.find((d) => d.id === departmentId);
  return (
    <Page title={department ? `资格审查：${department.name}` : '资格审查'}>
      <FeedbackPanel error={rounds.error ?? vetting.error} />
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="review-round">换届轮次</label>
        <Select
          id="review-round"
          style={{ minWidth: 360 }}
          value={roundId || undefined}
          onChange={setPicked}
          options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.streetName}　${r.name}` }))}
        />
      </Space>
      {vetting.data && !department ? <Alert type="info" title="本部门不参加该轮次的资格联审。" /> : null}
      {department ? <Candidates roundId={roundId} departmentId={department.id} candidates={vetting.data?.candidates ?? []} onRefuse={setRefusing} /> : null}
      {refusing ? <RefuseDialog roundId={roundId} candidate={refusing} onClose={() => setRefusing(undefined)} /> : null}
    </Page>
  );
}

function useReview(roundId: string, nominationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { decision: 'pass' | 'fail'; reason?: string }) => unwrap(api.POST('/api/v1/nominations/{id}/vetting', { params: { path: { id: nominationId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.round(roundId) }),
  });
}

function Candidates(props: { roundId: string; departmentId: string; candidates: Candidate[]; onRefuse: (c: Candidate) => void }) {
  const mine = (c: Candidate) => c.reviews.find((r) => r.departmentId === props.departmentId);
  return (
    <Card size="small" title="本部门审查意见">
      <Table
        rowKey="nominationId"
        size="small"
        aria-label="候选人预备人选"
        pagination={false}
        dataSource={props.candidates}
        locale={{ emptyText: '该轮次尚无候选人预备人选' }}
        columns={[
          { title: '社区', dataIndex: 'communityName' },
          { title: '姓名', dataIndex: 'name' },
          { title: '提名职位', dataIndex: 'contestZh' },
          {
            title: '本部门意见',
            key: 'mine',
            render: (_: unknown, c: Candidate) => {
              const r = mine(c);
              const s = STATE[r?.decision ?? 'pending'];
              return (
                <Space>
                  <Tag style={{ color: s.color, borderColor: s.color }}>{s.label}</Tag>
                  {r?.reason ? <Typography.Text>{r.reason}</Typography.Text> : null}
                  {r?.reviewedOn ? <Typography.Text style={{ color: '#595959' }}>{formatDate(r.reviewedOn)}</Typography.Text> : null}
                </Space>
              );
            },
          },
          { title: '操作', key: 'act', render: (_: unknown, c: Candidate) => <ReviewButtons roundId={props.roundId} candidate={c} onRefuse={props.onRefuse} /> },
        ]}
      />
    </Card>
  );
}

function ReviewButtons({ roundId, candidate, onRefuse }: { roundId: string; candidate: Candidate; onRefuse: (c: Candidate) => void }) {
  const review = useReview(roundId, candidate.nominationId);
  return (
    <Space>
      <Button size="small" loading={review.isPending} onClick={() => review.mutate({ decision: 'pass' })} aria-label={`${candidate.name}通过`}>
        通过
      </Button>
      <Button size="small" danger onClick={() => onRefuse(candidate)} aria-label={`${candidate.name}不通过`}>
        不通过
      </Button>
      {review.error ? <FeedbackPanel error={review.error} title="未能登记" /> : null}
    </Space>
  );
}

function RefuseDialog({ roundId, candidate, onClose }: { roundId: string; candidate: Candidate; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const review = useReview(roundId, candidate.nominationId);
  return (
    <Modal
      open
      title={`${candidate.name}：不通过`}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={review.isPending}
      onOk={() => review.mutate({ decision: 'fail', reason }, { onSuccess: onClose })}
      onCancel={onClose}
    >
      <FeedbackPanel error={review.error} title="未能登记" />
      <label htmlFor="refuse-reason">不通过的理由</label>
      <Input.TextArea id="refuse-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
