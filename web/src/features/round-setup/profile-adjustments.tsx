/**
 * 调整规则参数: every number and yes/no of the chosen preset, each with the line of the source document it comes from.
 * A value changed from the preset is marked 已调整 and asks for the reason, which the server requires and keeps with
 * the round. The form fields are `overrides.<parameter>` and `reasons.<parameter>`.
 */
import { useQuery } from '@tanstack/react-query';
import { Collapse, Form, Input, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';

export interface Adjustable {
  readonly parameter: string;
  readonly labelZh: string;
  readonly source: string;
  readonly preset: number | boolean;
}

/** The parameters a street may adjust on the form: the preset's numbers and yes/no values that have a label. */
export function useAdjustable(profileName: string, preset: Record<string, unknown>): Adjustable[] {
  const rules = useQuery({
    queryKey: [...keys.all, 'rules', profileName],
    queryFn: () => unwrap(api.GET('/api/v1/rules', { params: { query: { profile: profileName as 'lanzhou-2010' | 'yiwu-2007' } } })),
  });
  return (rules.data?.parameters ?? [])
    .filter((p) => p.labelZh !== p.source && (typeof preset[p.parameter] === 'number' || typeof preset[p.parameter] === 'boolean'))
    .map((p) => ({ parameter: p.parameter, labelZh: p.labelZh, source: p.source, preset: preset[p.parameter] as number | boolean }));
}

/** The adjusted parameters: those whose value differs from the preset. */
export function adjustedOf(adjustable: readonly Adjustable[], overrides: Record<string, unknown> | undefined): Adjustable[] {
  return adjustable.filter((a) => overrides?.[a.parameter] !== undefined && overrides[a.parameter] !== null && overrides[a.parameter] !== a.preset);
}

export function ProfileAdjustments({ adjustable }: { readonly adjustable: readonly Adjustable[] }) {
  const overrides = Form.useWatch('overrides') as Record<string, unknown> | undefined;
  const adjusted = new Set(adjustedOf(adjustable, overrides).map((a) => a.parameter));
  return (
    <Collapse
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'adjust',
          label: `调整规则参数（可选）${adjusted.size > 0 ? `：已调整${adjusted.size}项` : ''}`,
          forceRender: true,
          children: (
            <Table<Adjustable>
              size="small"
              rowKey="parameter"
              pagination={false}
              dataSource={[...adjustable]}
              rowClassName={(a) => (adjusted.has(a.parameter) ? 'row-adjusted' : '')}
              columns={[
                {
                  title: '参数',
                  render: (_, a) => (
                    <>
                      <div>
                        {a.labelZh} {adjusted.has(a.parameter) ? <Tag color="#ad4e00">已调整</Tag> : null}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        依据：{a.source}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  title: '取值',
                  width: 140,
                  render: (_, a) => (
                    <Form.Item name={['overrides', a.parameter]} initialValue={a.preset} valuePropName={typeof a.preset === 'boolean' ? 'checked' : 'value'} noStyle>
                      {typeof a.preset === 'boolean' ? <Switch aria-label={a.labelZh} checkedChildren="是" unCheckedChildren="否" /> : <InputNumber aria-label={a.labelZh} min={0} style={{ width: 100 }} />}
                    </Form.Item>
                  ),
                },
                {
                  title: '调整理由',
                  width: 320,
                  render: (_, a) =>
                    adjusted.has(a.parameter) ? (
                      <Form.Item name={['reasons', a.parameter]} rules={[{ required: true, whitespace: true, message: `请填写调整“${a.labelZh}”的理由` }]} style={{ margin: 0 }}>
                        <Input aria-label={`调整“${a.labelZh}”的理由`} placeholder={`原为${typeof a.preset === 'boolean' ? (a.preset ? '是' : '否') : a.preset}，说明调整依据`} />
                      </Form.Item>
                    ) : (
                      <Typography.Text type="secondary">与基础配置一致</Typography.Text>
                    ),
                },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
