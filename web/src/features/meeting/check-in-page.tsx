/**
 * 扫码签到 (committee, at the meeting desk): a USB scanner types the voter card's QR code into the focused field and
 * presses Enter; the server checks the card in once (a repeat or another community's card is refused with its reason)
 * and the running attendance and the quorum — the meeting desk's own figure, decided by the server — update at once.
 * The voter is shown masked (张**, 620102********123X).
 */
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, type InputRef, Skeleton, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';

export function CheckInPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const input = useRef<InputRef>(null);
  const [token, setToken] = useState('');
  const [proxy, setProxy] = useState(false);
  const quorum = useQuery({
    queryKey: [...keys.meeting(id), 'quorum'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/quorum', { params: { path: { id } } })),
    refetchInterval: 5000,
  });
  const recent = useQuery({
    queryKey: [...keys.meeting(id), 'check-ins'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/check-ins', { params: { path: { id }, query: { page: 1, pageSize: 10 } } })),
  });
  const scan = useMutation({
    mutationFn: (card: string) => unwrap(api.POST('/api/v1/meetings/{id}/check-ins', { params: { path: { id } }, body: { token: card, ...(proxy ? { proxy } : {}) } })),
    onSettled: () => {
      setToken('');
      setProxy(false);
      input.current?.focus();
      void queryClient.invalidateQueries({ queryKey: keys.meeting(id) });
    },
  });
  const q = quorum.data;
  const last = scan.data;
  return (
    <Page
      title="扫码签到"
      extra={
        <Link to={`/meetings/${id}`}>
          <Button>返回会议</Button>
        </Link>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => token.trim() && scan.mutate(token.trim())}>
          <Form.Item label="选民证二维码（扫描枪扫描后自动提交）" htmlFor="card-token" style={{ marginBottom: 8 }}>
            <Input
              id="card-token"
              ref={input}
              autoFocus
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder="请将选民证二维码对准扫描枪"
              size="large"
              style={{ maxWidth: 560 }}
            />
          </Form.Item>
          <Checkbox checked={proxy} onChange={(e) => setProxy(e.target.checked)}>
            受托人持委托人的选民证代为签到（须已登记委托投票）
          </Checkbox>
        </Form>
      </Card>
      <div role="status" aria-live="polite" aria-label="签到结果">
        {scan.isError ? <FeedbackPanel error={scan.error} title="未能签到" /> : null}
        {last && !scan.isError ? (
          <Card size="small" style={{ marginBottom: 16, borderColor: '#237804' }}>
            <Typography.Text strong style={{ fontSize: 18, color: '#237804' }}>
              签到成功：{last.voter.name}
            </Typography.Text>
            <span style={{ marginLeft: 16 }}>身份号码 {last.voter.idNumber}</span>
            {last.byProxy ? <Tag style={{ marginLeft: 16 }}>受托人代为签到</Tag> : null}
          </Card>
        ) : null}
      </div>
      <Card size="small" title="到会人数与有效人数" style={{ marginBottom: 16 }}>
        <FeedbackPanel error={quorum.error} />
        {q ? (
          <div aria-label="到会情况" style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'center' }}>
            <Tag color={q.quorate ? '#237804' : '#a8071a'} style={{ fontSize: 18, padding: '6px 12px' }}>
              {q.quorate ? '已达法定人数，会议有效' : '尚未达到法定人数'}
            </Tag>
            <span style={{ fontSize: 16 }}>
              应到 <strong>{q.expected}</strong> 人，实到 <strong data-testid="present">{q.present}</strong> 人
            </span>
            <Typography.Text style={{ color: '#595959' }}>
              {q.ruleZh}（{q.rule}）
            </Typography.Text>
          </div>
        ) : (
          <Skeleton active paragraph={{ rows: 1 }} />
        )}
      </Card>
      <Card size="small" title={`最近签到（共 ${recent.data?.total ?? 0} 人）`}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={recent.isLoading}
          dataSource={recent.data?.items ?? []}
          columns={[
            { title: '姓名', render: (_, r) => r.voter.name },
            { title: '身份号码', render: (_, r) => r.voter.idNumber },
            { title: '方式', render: (_, r) => (r.byProxy ? '受托人代为签到' : '本人签到') },
            { title: '时间', render: (_, r) => new Date(r.checkedInAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          ]}
        />
      </Card>
    </Page>
  );
}
