/**
 * 召开选举会议: the clerk sets up a meeting (residents' committee or party), its ballot boxes and, for a party meeting,
 * the members excused with the higher organisation's approval (each with a reason and who approved it). The server
 * counts those expected (应到) from the registers less the excused, and refuses what the rules forbid.
 */
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { TIME_ZONE, todayIso } from '../../components/dates';
import { BOX_KIND_ZH, EXCUSE_REASON_ZH } from './meeting-text';

type MeetingBody = NonNullable<paths['/api/v1/communities/{id}/meetings']['post']['requestBody']>['content']['application/json'];
type BoxKind = NonNullable<MeetingBody['boxes']>[number]['kind'];
type Excused = NonNullable<MeetingBody['excused']>[number];

interface MeetingForm {
  kind: MeetingBody['kind'];
  date: Dayjs;
  expected?: number | null;
  boxes: { name: string; kind: BoxKind; monitors?: string }[];
  excused?: Partial<Excused>[];
}

const splitNames = (text?: string) => (text ?? '').split(/[，,、\s]+/).filter(Boolean);

function bodyOf(values: MeetingForm): MeetingBody {
  const excused = values.kind === 'party' ? ((values.excused ?? []) as Excused[]) : [];
  return {
    kind: values.kind,
    date: values.date.format('YYYY-MM-DD'),
    ...(typeof values.expected === 'number' ? { expected: values.expected } : {}),
    boxes: values.boxes.map((b) => ({ name: b.name.trim(), kind: b.kind, monitors: splitNames(b.monitors) })),
    ...(excused.length > 0 ? { excused: excused.map((e) => ({ ...e, approvedBy: e.approvedBy.trim() })) } : {}),
  };
}

export function NewMeetingPage() {
  const communityId = useSession()?.scopeId ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MeetingForm>();
  const kind = Form.useWatch('kind', form) ?? 'rc';
  const create = useMutation({
    mutationFn: (values: MeetingForm) => unwrap(api.POST('/api/v1/communities/{id}/meetings', { params: { path: { id: communityId } }, body: bodyOf(values) })),
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: keys.community(communityId) });
      void navigate(`/meetings/${meeting.id}`);
    },
  });
  return (
    <Page title="召开选举会议">
      <FeedbackPanel error={create.error} title="未能创建会议" />
      <Card>
        <Form<MeetingForm>
          form={form}
          name="new-meeting"
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{ kind: 'rc', date: dayjs.tz(todayIso(), TIME_ZONE), boxes: [{ name: '大会主票箱', kind: 'main' }] }}
          onFinish={(values) => create.mutate(values)}
        >
          <Form.Item name="kind" label="会议类型">
            <Radio.Group
              options={[
                { value: 'rc', label: '居民委员会选举大会' },
                { value: 'party', label: '党员大会（党组织选举）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="date" label="会议日期" rules={[{ required: true, message: '请填写会议日期' }]}>
            <DatePicker format="YYYY年M月D日" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="expected"
            label="应到人数"
            extra={kind === 'party' ? '不填则按党员名册的正式党员人数，减去下面登记的经批准请假党员计算。' : '不填则按选民名册或居民代表名单计算。'}
          >
            <InputNumber min={0} precision={0} keyboard={false} style={{ width: 200 }} />
          </Form.Item>
          <BoxesFields />
          {kind === 'party' ? <ExcusedFields communityId={communityId} /> : null}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            创建会议
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

function BoxesFields() {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        票箱
      </Typography.Title>
      <Typography.Paragraph style={{ color: '#595959' }}>投票站和流动票箱各须至少3名监票人，姓名之间用逗号或顿号分隔。</Typography.Paragraph>
      <Form.List name="boxes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={12} wrap align="end" role="group" aria-label={`票箱${i + 1}`}>
                <Form.Item name={[field.name, 'name']} label={`票箱${i + 1}名称`} rules={[{ required: true, whitespace: true, message: '请填写票箱名称' }]}>
                  <Input style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} label="类型">
                  <Select style={{ width: 140 }} options={Object.entries(BOX_KIND_ZH).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'monitors']} label="监票人">
                  <Input placeholder="例如：张三、李四、王五" style={{ width: 240 }} />
                </Form.Item>
                {fields.length > 1 ? (
                  <Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={`删除票箱${i + 1}`} onClick={() => remove(field.name)} />
                  </Form.Item>
                ) : null}
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: `流动票箱${fields.length}`, kind: 'mobile' })}>
              添加票箱
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}

/** Party meeting: full members excused with the higher organisation's approval, picked from the roster. */
function ExcusedFields({ communityId }: { readonly communityId: string }) {
  const roster = useQuery({
    queryKey: [...keys.community(communityId), 'party-members', 'full'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/party-members', { params: { path: { id: communityId }, query: { status: 'full', pageSize: 500 } } })),
    enabled: Boolean(communityId),
  });
  const members = (roster.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        经批准请假的党员
      </Typography.Title>
      <FeedbackPanel error={roster.error} />
      <Typography.Paragraph style={{ color: '#595959' }}>
        党员名册中有正式党员 {roster.data?.counts.full ?? '…'} 人。因病、出国出境、受审查、停止党籍或外出派驻，经上级党组织同意不参加会议的正式党员，不计入应到人数。
      </Typography.Paragraph>
      <Form.List name="excused">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={12} wrap align="end" role="group" aria-label={`请假党员${i + 1}`}>
                <Form.Item name={[field.name, 'partyMemberId']} label="党员" rules={[{ required: true, message: '请选择党员' }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择正式党员" options={members} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'reason']} label="请假原因" rules={[{ required: true, message: '请选择请假原因' }]}>
                  <Select placeholder="选择原因" options={Object.entries(EXCUSE_REASON_ZH).map(([value, label]) => ({ value, label }))} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'approvedBy']} label="批准的上级党组织" rules={[{ required: true, whitespace: true, message: '请填写批准请假的上级党组织' }]}>
                  <Input placeholder="例如：街道党工委" style={{ width: 180 }} />
                </Form.Item>
                <Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={`删除请假党员${i + 1}`} onClick={() => remove(field.name)} />
                </Form.Item>
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add()} disabled={members.length === 0}>
              登记请假党员
            </Button>
            {members.length === 0 && roster.isSuccess ? (
              <Typography.Paragraph style={{ color: '#595959', marginTop: 8 }}>党员名册中尚无正式党员，请先在“党员”页面登记。</Typography.Paragraph>
            ) : null}
          </>
        )}
      </Form.List>
    </div>
  );
}
