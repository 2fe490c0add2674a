/**
 * 计票单: the scrutineer picks the sheet by typing or choosing the contest and the box, confirms that what is shown
 * matches the paper, and opening it claims it. Every sheet's state is shown; a sheet the reader may not open says why.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { contestName, STATE_COLOR } from '../../components/contest-names';
import { useSession } from '../../api/use-session';
import { claimSheet, sheetsQuery, type Sheet } from './queries';

const keyOf = (s: Pick<Sheet, 'contestId' | 'contest' | 'stage'>) => s.contestId ?? `main:${s.contest}`;

export function TallySheetsPage() {
  const session = useSession();
  const meetingId = session?.scopeId ?? '';
  const navigate = useNavigate();
  const sheets = useQuery({ ...sheetsQuery(meetingId), enabled: Boolean(meetingId) });
  const [contestKey, setContestKey] = useState<string>();
  const [box, setBox] = useState<string>();
  const [confirming, setConfirming] = useState<{ sheet: Sheet; correction?: boolean }>();
  const [reason, setReason] = useState('');
  const open = useMutation({
    mutationFn: ({ sheet, correction }: { sheet: Sheet; correction?: boolean }) =>
      claimSheet(meetingId, {
        contest: sheet.contest,
        ...(sheet.contestId ? { contestId: sheet.contestId } : {}),
        box: sheet.box,
        ...(correction && sheet.confirmedSheetId ? { correctionOf: sheet.confirmedSheetId, reason } : {}),
      }),
    onSuccess: (draft) => void navigate(`/tally/${draft.id}`),
  });

  const list = sheets.data?.sheets ?? [];
  const contests = [...new Map(list.map((s) => [keyOf(s), s])).values()];
  const boxes = [...new Set(list.map((s) => s.box))];
  const chosen = list.find((s) => keyOf(s) === contestKey && s.box === box);

  return (
    <Page title="计票单录入">
      <FeedbackPanel error={sheets.error ?? open.error} title="不能打开此计票单" />
      <Card title="选择计票单" style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={() => chosen && setConfirming({ sheet: chosen })}>
          <Form.Item label="选举项目" htmlFor="pick-contest">
            <Select
              id="pick-contest"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 260 }}
              placeholder="输入或选择"
              value={contestKey}
              onChange={setContestKey}
              options={contests.map((c) => ({ value: keyOf(c), label: contestName(c.contest, c.stage) }))}
            />
          </Form.Item>
          <Form.Item label="票箱" htmlFor="pick-box">
            <Select id="pick-box" showSearch style={{ width: 180 }} placeholder="输入或选择" value={box} onChange={setBox} options={boxes.map((b) => ({ value: b, label: b }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" disabled={!chosen || Boolean(chosen.blockedZh)}>
              打开计票单
            </Button>
          </Form.Item>
        </Form>
        {chosen?.blockedZh ? (
          <Typography.Paragraph role="status" style={{ marginTop: 12, marginBottom: 0 }}>
            {chosen.blockedZh}
          </Typography.Paragraph>
        ) : null}
      </Card>

      <Table<Sheet>
        rowKey={(s) => `${keyOf(s)}|${s.box}`}
        loading={sheets.isLoading}
        dataSource={list}
        pagination={false}
        size="middle"
        columns={[
          { title: '选举项目', render: (_, s) => contestName(s.contest, s.stage) },
          { title: '票箱', dataIndex: 'box' },
          {
            title: '状态',
            render: (_, s) => (
              <Space size={4} wrap>
                <Tag color={STATE_COLOR[s.state]}>{s.stateZh}</Tag>
                {s.needsChief ? <Tag color="#ad4e00">待总监票人处理</Tag> : null}
                {s.mine === 'entered' ? <Tag>我已录入</Tag> : s.mine === 'draft' ? <Tag>我的草稿</Tag> : null}
              </Space>
            ),
          },
          { title: '说明', render: (_, s) => s.blockedZh ?? '' },
          {
            title: '操作',
            render: (_, s) => (
              <Flex gap={8} wrap>
                {!s.blockedZh ? (
                  <Button size="small" onClick={() => setConfirming({ sheet: s })}>
                    {s.mine === 'draft' ? '继续录入' : '录入'}
                  </Button>
                ) : null}
                {session?.chief && s.needsChief && s.contestId ? (
                  <Button size="small" type="primary" onClick={() => void navigate(`/tally-resolve?contestId=${s.contestId}&box=${encodeURIComponent(s.box)}`)}>
                    处理
                  </Button>
                ) : null}
                {s.state === 'confirmed' ? (
                  <Button size="small" onClick={() => setConfirming({ sheet: s, correction: true })}>
                    更正
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />

      <Modal
        open={Boolean(confirming)}
        title={confirming?.correction ? '更正已确认的计票单' : '请核对纸质计票单'}
        okText={confirming?.correction ? '开始更正录入' : '一致，开始录入'}
        cancelText="取消"
        okButtonProps={{ disabled: Boolean(confirming?.correction) && !reason.trim(), loading: open.isPending }}
        onCancel={() => setConfirming(undefined)}
        onOk={() => confirming && open.mutate(confirming, { onSettled: () => setConfirming(undefined) })}
      >
        {confirming ? (
          <>
            <p>
              选举项目：<strong>{contestName(confirming.sheet.contest, confirming.sheet.stage)}</strong>
            </p>
            <p>
              票箱：<strong>{confirming.sheet.box}</strong>
            </p>
            <p>请确认与手中纸质计票单上的名称一致。</p>
            {confirming.correction ? (
              <Form.Item label="更正理由" htmlFor="correction-reason" required>
                <Input.TextArea id="correction-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Modal>
    </Page>
  );
}
