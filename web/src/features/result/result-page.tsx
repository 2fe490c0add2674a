/**
 * 选举结果: per contest, valid or void with the reason, the votes of every candidate and write-in, who is elected and
 * by which threshold, a tie and the re-vote it calls, unfilled seats and the run-off (另行选举) with its candidates —
 * each with its rule. The run-off and re-vote are entered through the same tally screens. The committee prints the
 * result notice and the certificates from here and opens the party officers' election.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, authorizedFetch, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { contestName } from '../../components/contest-names';
import { FeedbackPanel, type Justification } from '../../components/feedback-panel';
import { Page } from '../../components/page';

type Result = paths['/api/v1/meetings/{id}/result']['get']['responses'][200]['content']['application/json'];
type Contest = Omit<Result['contests'][number], 'tie'> & {
  readonly tie?: { votes: number; seats: number; people: { name: string }[] };
  readonly threshold?: { rule: string; kind: string; share: { num: number; den: number } | null; of: number } | null;
};

/** The kind of threshold; its share and base are the profile's, shown beside it (never a half typed in here). */
const THRESHOLD_ZH: Readonly<Record<string, string>> = {
  majority: '得票超过参加选举人数的规定比例',
  'party-majority': '得票超过有选举权党员人数的规定比例',
  'runoff-share': '另行选举中得票最多且不少于选票的规定比例',
  'most-votes': '重新投票中得票最多',
};

export function ResultPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const result = useQuery({
    queryKey: [...keys.meeting(id), 'result'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/result', { params: { path: { id } } })),
    refetchInterval: 10_000,
  });
  const print = useMutation({
    mutationFn: async (kind: 'result-notice' | 'party-result-notice' | 'certificates') => {
      const response = await authorizedFetch(`/api/v1/communities/${result.data!.communityId}/documents/${kind}.pdf`);
      window.open(URL.createObjectURL(await response.blob()), '_blank');
    },
  });
  if (result.error) return <FeedbackPanel error={result.error} />;
  if (!result.data) return <Skeleton active />;
  const r = result.data;
  const contests = r.contests as Contest[];
  return (
    <Page
      title="选举结果"
      extra={
        session?.role === 'committee' ? (
          <>
            {r.kind === 'party' ? (
              <Button onClick={() => print.mutate('party-result-notice')}>打印党组织选举结果公告</Button>
            ) : (
              <Button onClick={() => print.mutate('result-notice')}>打印选举结果公告</Button>
            )}
            <Button onClick={() => print.mutate('certificates')}>打印当选证书</Button>
          </>
        ) : null
      }
    >
      <FeedbackPanel error={print.error} title="暂不能打印" />
      <Descriptions styles={{ label: { color: "#595959" } }} size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="会议">{r.kind === 'party' ? '党员大会' : '居民委员会选举大会'}</Descriptions.Item>
        <Descriptions.Item label="应到 / 实到">
          {r.expected} / {r.present ?? '未登记'}
        </Descriptions.Item>
        <Descriptions.Item label="会议有效">{r.quorate ? <Tag color="#237804">有效</Tag> : <Tag color="#a8071a">不足法定人数</Tag>}</Descriptions.Item>
      </Descriptions>
      {contests.map((c) => (
        <ContestCard key={`${c.contestId ?? c.contest}-${c.stage}`} c={c} />
      ))}
      {session?.role === 'committee' && r.kind === 'party' ? <Officers meetingId={id} contests={contests} /> : null}
    </Page>
  );
}

function ContestCard({ c }: { readonly c: Contest }) {
  const elected = new Set(c.elected.map((e) => e.candidateId ?? e.name));
  const failed = c.rules.filter((l) => l.status === 'fail');
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{contestName(c.contest, c.stage)}</span>
          <span>应选{c.seats}名</span>
          {!c.complete ? (
            <Tag color="#0958d9">
              计票中（{c.boxes.counted}/{c.boxes.total} 个票箱已确认）
            </Tag>
          ) : c.valid ? (
            <Tag color="#237804">选举有效</Tag>
          ) : (
            <Tag color="#a8071a">选举无效</Tag>
          )}
        </Space>
      }
    >
      {c.complete && !c.valid
        ? failed.map((l, i) => (
            <Alert key={i} type="error" showIcon style={{ marginBottom: 8 }} title={`无效原因（${l.rule}）：收回选票${String(l.details.returned)}张，多于发出选票${String(l.details.issued)}张，应重新投票`} />
          ))
        : null}
      <Typography.Paragraph>
        发出选票 {c.totals.issued}，收回 {c.totals.returned}，有效 {c.totals.valid}，无效 {c.totals.invalid}
      </Typography.Paragraph>
      <Table
        rowKey={(v) => v.candidateId ?? `w:${v.name}`}
        size="small"
        pagination={false}
        dataSource={c.votes}
        columns={[
          { title: '姓名', render: (_, v) => (v.writeIn ? `${v.name}（另选他人）` : v.name) },
          { title: '得票', dataIndex: 'votes', align: 'right' as const },
          { title: '结果', render: (_, v) => (c.complete && elected.has(v.candidateId ?? v.name) ? <Tag color="#237804">当选</Tag> : '') },
        ]}
      />
      {c.complete && c.elected.length > 0 ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          当选：<strong>{c.elected.map((e) => `${e.name}（${e.votes}票）`).join('、')}</strong>
          {c.threshold ? `　依据：${THRESHOLD_ZH[c.threshold.kind] ?? c.threshold.kind}${c.threshold.share ? `（${c.threshold.share.num}/${c.threshold.share.den}，基数${c.threshold.of}）` : ''}（${c.threshold.rule}）` : ''}
        </Typography.Paragraph>
      ) : null}
      {c.tie ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`得票相等（${c.tie.votes}票）：${c.tie.people.map((p) => p.name).join('、')} 须就${c.tie.seats}个名额重新投票（CNT-RANK）`}
        />
      ) : null}
      {c.revote && !c.tie ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`须重新投票，应选${c.revote.seats}名：${c.revote.candidates.map((p) => p.name).join('、')}`} />
      ) : null}
      {c.complete && (c.vacancies > 0 || c.runoff) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`尚有${c.vacancies + (c.runoff?.seats ?? 0)}个名额未选出${c.runoff ? `，须另行选举（CNT-RUNOFF）：应选${c.runoff.seats}名，候选人 ${c.runoff.candidates.map((p) => p.name).join('、')}` : ''}`}
          description={c.runoff ? '另行选举的计票单由计票人在“计票单录入”中录入，与正式选举相同。' : undefined}
        />
      ) : null}
    </Card>
  );
}

/** 党组织书记、副书记: proposed from the newly elected committee members (等额), then voted on like any contest. */
function Officers({ meetingId, contests }: { readonly meetingId: string; readonly contests: readonly Contest[] }) {
  const queryClient = useQueryClient();
  const party = contests.find((c) => c.contest === 'party' && c.complete && c.valid);
  const [secretary, setSecretary] = useState<string>();
  const [deputies, setDeputies] = useState<string[]>([]);
  const [reviewedOn, setReviewedOn] = useState<Dayjs | null>(null);
  const open = useMutation({
    mutationFn: (justifications?: Justification[]) =>
      unwrap(
        api.POST('/api/v1/meetings/{id}/officers', {
          params: { path: { id: meetingId } },
          body: {
            secretary: [secretary!],
            deputySecretaries: deputies,
            ...(reviewedOn ? { reviewedOn: reviewedOn.format('YYYY-MM-DD') } : {}),
            ...(justifications ? { justifications } : {}),
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.meeting(meetingId) }),
  });
  if (!party || contests.some((c) => c.contest === 'secretary')) return null;
  const members = party.elected.filter((e) => e.candidateId);
  return (
    <Card size="small" title="选举书记、副书记（从新当选的委员中等额选举）">
      <FeedbackPanel error={open.error} onJustify={(j) => open.mutate(j)} pending={open.isPending} />
      <Flex vertical gap={8}>
        {members.map((m) => (
          <Flex key={m.candidateId} gap={16} align="center">
            <span style={{ width: 120 }}>{m.name}</span>
            <Checkbox checked={secretary === m.candidateId} onChange={(e) => setSecretary(e.target.checked ? m.candidateId : undefined)}>
              书记人选
            </Checkbox>
            <Checkbox
              checked={deputies.includes(m.candidateId!)}
              onChange={(e) => setDeputies((d) => (e.target.checked ? [...d, m.candidateId!] : d.filter((x) => x !== m.candidateId)))}
            >
              副书记人选
            </Checkbox>
          </Flex>
        ))}
        <Flex gap={8} align="center">
          <label htmlFor="officers-reviewed-on">街道党工委审查同意日期</label>
          <DatePicker id="officers-reviewed-on" value={reviewedOn} onChange={setReviewedOn} format={['YYYY年M月D日', 'YYYY-MM-DD']} />
        </Flex>
        <Button type="primary" disabled={!secretary} loading={open.isPending} onClick={() => open.mutate(undefined)} style={{ alignSelf: 'flex-start' }}>
          开始选举书记、副书记
        </Button>
      </Flex>
    </Card>
  );
}
