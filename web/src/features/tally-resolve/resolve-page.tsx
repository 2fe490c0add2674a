/**
 * 总监票人处理: the sheets waiting for the chief; for one, only the fields where the two entries differ, first and
 * second side by side. The chief keeps one entry and sends the other back to its typist (only the differing fields
 * cleared) or discards it with a reason, or discards both. An entry finished with errors is read by its errors.
 */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { contestName, STATE_COLOR } from '../../components/contest-names';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { differencesQuery, discard, sendBack, waitingQuery, type Differences } from './queries';

export function TallyResolvePage() {
  const session = useSession();
  const meetingId = session?.scopeId ?? '';
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const contestId = params.get('contestId');
  const box = params.get('box');
  const waiting = useQuery({ ...waitingQuery(meetingId), enabled: Boolean(meetingId) });
  const list = (waiting.data?.sheets ?? []).filter((s) => s.needsChief && s.contestId);

  return (
    <Page title="总监票人处理">
      <FeedbackPanel error={waiting.error} />
      <Card title="待处理的计票单" size="small" style={{ marginBottom: 16 }}>
        {list.length === 0 ? (
          <Empty description="目前没有待处理的计票单" />
        ) : (
          <Flex gap={8} wrap>
            {list.map((s) => (
              <Button
                key={`${s.contestId}|${s.box}`}
                type={s.contestId === contestId && s.box === box ? 'primary' : 'default'}
                onClick={() => void navigate(`/tally-resolve?contestId=${s.contestId}&box=${encodeURIComponent(s.box)}`)}
              >
                {contestName(s.contest, s.stage)} · {s.box} · {s.stateZh}
              </Button>
            ))}
          </Flex>
        )}
      </Card>
      {contestId && box ? <Resolve key={`${contestId}|${box}`} meetingId={meetingId} contestId={contestId} box={box} /> : null}
    </Page>
  );
}

function Resolve({ meetingId, contestId, box }: { readonly meetingId: string; readonly contestId: string; readonly box: string }) {
  const queryClient = useQueryClient();
  const diff = useQuery(differencesQuery(meetingId, contestId, box));
  const [keep, setKeep] = useState<string>();
  const [action, setAction] = useState<'send-back' | 'discard' | 'discard-both'>('send-back');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const resolve = useMutation({
    mutationFn: async (d: Differences) => {
      const others = d.entries.filter((e) => e.id !== keep);
      if (action === 'discard-both') {
        for (const e of d.entries) await discard(e.id, reason);
        return '两份录入均已作废，计票单须重新录入两次';
      }
      const other = d.entries.length === 1 ? d.entries[0]! : others[0]!;
      if (action === 'send-back') {
        await sendBack(other.id, reason);
        return `已退回第${other.number}次录入的录入人${other.enteredBy ? `（${other.enteredBy}）` : ''}更正，仅清空不一致的栏目`;
      }
      await discard(other.id, reason);
      return `第${other.number}次录入已作废，原录入人可重新录入`;
    },
    onSuccess: (message) => {
      setDone(message);
      void queryClient.invalidateQueries({ queryKey: keys.meeting(meetingId) });
    },
  });

  if (diff.error) return <FeedbackPanel error={diff.error} />;
  const d = diff.data;
  if (!d) return null;
  if (done) return <Alert type="success" showIcon role="status" title={done} />;
  const single = d.entries.length === 1;
  const needsReason = action !== 'send-back';
  const ready = (single || Boolean(keep) || action === 'discard-both') && (!needsReason || reason.trim().length > 0);

  return (
    <Card
      title={
        <Space>
          <span>
            {contestName(d.contest, d.stage)} · 票箱 {d.box}
          </span>
          <Tag color={STATE_COLOR[d.state]}>{d.state === 'mismatch' ? '两次不一致' : '已录入一次'}</Tag>
        </Space>
      }
    >
      {single ? (
        <Alert
          type="error"
          showIcon
          title={`第1次录入（${d.entries[0]!.enteredBy ?? '录入人'}）带错误提交`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {d.entries[0]!.errors.map((e, i) => (
                <li key={i}>
                  {e.messageZh}（{e.rule}）
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        <>
          <Typography.Paragraph>只列出两次录入不一致的栏目：</Typography.Paragraph>
          <Table
            rowKey="field"
            pagination={false}
            size="middle"
            dataSource={d.fields}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '栏目', dataIndex: 'labelZh' },
              ...d.entries.map((e, i) => ({
                title: `第${e.number}次录入（${e.enteredBy ?? '录入人'}）${e.errors.length ? '（有错误）' : ''}`,
                render: (_: unknown, row: Differences['fields'][number]) => <span style={{ fontSize: 18 }}>{row.values[i] ?? '—'}</span>,
              })),
            ]}
          />
        </>
      )}
      <Form layout="vertical" onFinish={() => resolve.mutate(d)}>
        {!single ? (
          <Form.Item label="以纸质计票单为准，保留哪一次录入？">
            <Radio.Group value={keep} onChange={(e) => setKeep(e.target.value as string)}>
              {d.entries.map((e) => (
                <Radio key={e.id} value={e.id} disabled={e.errors.length > 0}>
                  保留第{e.number}次录入
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item label={single ? '处理方式' : '另一次录入'}>
          <Radio.Group value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
            <Radio value="send-back">退回录入人更正</Radio>
            <Radio value="discard">作废（须说明理由）</Radio>
            {!single ? <Radio value="discard-both">两次录入均作废</Radio> : null}
          </Radio.Group>
        </Form.Item>
        <Form.Item label="理由" htmlFor="resolve-reason" required={needsReason}>
          <Input.TextArea id="resolve-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
        <FeedbackPanel error={resolve.error} title="未能处理" />
        <Button type="primary" htmlType="submit" disabled={!ready} loading={resolve.isPending}>
          确认处理
        </Button>
      </Form>
    </Card>
  );
}
