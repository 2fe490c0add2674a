/**
 * 录入计票单, keyboard first: the fields in the paper's order (the server's `fields`), focus on the first; Enter or ↓
 * to the next field, ↑ to the previous, no wrap-around; Enter on the last goes to the submit button. The server checks
 * the figures as they are typed (errors and warnings in separate blocks, each linking to its field) and keeps the
 * draft (暂停（保留录入）); nothing is computed here.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Input, Popconfirm, Result, Skeleton, Space, Tag, Typography, type InputRef } from 'antd';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/use-session';
import { CountInput } from '../../components/count-input';
import { countOf } from '../../components/count-text';
import { contestName, STATE_COLOR } from '../../components/contest-names';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { checkWriteIn, deleteDraft, draftQuery, saveDraft, sheetsKey, submitDraft, validateDraft, type Draft, type Figures, type Submitted, type Validation } from './queries';

type Values = Record<string, string>;

/** The inputs in focus order: a write-in line is its name, then its votes. */
function inputsOf(draft: Draft): string[] {
  return draft.fields.flatMap((f) => (f.group === 'write-ins' ? [`${f.field}.name`, f.field] : [f.field]));
}

function valuesOf(draft: Draft): Values {
  const out: Values = {};
  const f = draft.figures;
  const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  for (const key of ['issued', 'returned', 'valid', 'invalid', 'overvoted'] as const) out[key] = text(f[key]);
  for (const c of draft.candidates) out[`votes.${c.id}`] = text(f.votes?.[c.id]);
  (f.writeIns ?? []).forEach((w, i) => {
    out[`writeIns.${i}.name`] = w.name;
    out[`writeIns.${i}`] = text(w.votes);
  });
  return out;
}

function figuresOf(draft: Draft, v: Values): Figures {
  const lines = draft.fields.filter((f) => f.group === 'write-ins');
  return {
    issued: countOf(v.issued),
    returned: countOf(v.returned),
    valid: countOf(v.valid),
    invalid: countOf(v.invalid),
    overvoted: countOf(v.overvoted),
    votes: Object.fromEntries(draft.candidates.map((c) => [c.id, countOf(v[`votes.${c.id}`])])),
    writeIns: lines.map((_, i) => ({ name: (v[`writeIns.${i}.name`] ?? '').trim(), votes: countOf(v[`writeIns.${i}`]) })),
  };
}

const domId = (field: string) => `f-${field.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function TallyEntryPage() {
  const { draftId = '' } = useParams();
  const session = useSession();
  const meetingId = session?.scopeId ?? '';
  const draft = useQuery({ ...draftQuery(meetingId, draftId), enabled: Boolean(meetingId && draftId) });
  if (draft.error) {
    return (
      <Page title="录入计票单">
        <FeedbackPanel error={draft.error} title="不能打开此计票单" />
      </Page>
    );
  }
  if (!draft.data) return <Skeleton active />;
  return <EntryForm key={draft.data.id} meetingId={meetingId} draft={draft.data} />;
}

function EntryForm({ meetingId, draft }: { readonly meetingId: string; readonly draft: Draft }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => valuesOf(draft));
  const [checked, setChecked] = useState(false);
  const [refused, setRefused] = useState<string>();
  const [validation, setValidation] = useState<Validation>({ errors: [], warnings: [] });
  const [writeInFlags, setWriteInFlags] = useState<Record<number, string | null>>({});
  const [done, setDone] = useState<Submitted>();
  const inputs = useMemo(() => inputsOf(draft), [draft]);
  const refs = useRef(new Map<string, InputRef>());
  const submitRef = useRef<HTMLButtonElement>(null);
  const dirty = useRef(false);
  const closed = useRef(false);
  const figures = useMemo(() => figuresOf(draft, values), [draft, values]);
  const latest = useRef(figures);
  latest.current = figures;

  const focus = useCallback((field: string) => refs.current.get(field)?.focus(), []);
  useEffect(() => focus(inputs[0]!), [focus, inputs]);

  // The server checks as the clerk types (debounced) and keeps the draft a little later.
  useEffect(() => {
    const check = setTimeout(() => {
      validateDraft(meetingId, draft.id, figures).then(setValidation, () => undefined);
    }, 350);
    const keep = setTimeout(() => {
      if (dirty.current && !closed.current) saveDraft(meetingId, draft.id, figures).then(() => (dirty.current = false), () => undefined);
    }, 2500);
    return () => {
      clearTimeout(check);
      clearTimeout(keep);
    };
  }, [meetingId, draft.id, figures]);
  // Leaving the page keeps what was typed.
  useEffect(
    () => () => {
      if (dirty.current && !closed.current) void saveDraft(meetingId, draft.id, latest.current).catch(() => undefined);
    },
    [meetingId, draft.id],
  );

  const edit = (field: string, text: string) => {
    dirty.current = true;
    setChecked(false); // a warning passed is cleared by any later edit
    setRefused(undefined);
    setValues((v) => ({ ...v, [field]: text }));
  };

  const onKey = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = inputs[index + 1];
      if (next) focus(next);
      else if (event.key === 'Enter') submitRef.current?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      const previous = inputs[index - 1];
      if (previous) focus(previous);
    }
  };

  const finish = (result: Submitted) => {
    closed.current = true;
    setDone(result);
    void queryClient.invalidateQueries({ queryKey: sheetsKey(meetingId) });
  };
  const submit = useMutation({
    mutationFn: (withErrors: boolean) => submitDraft(meetingId, draft.id, { figures, warningsChecked: checked, ...(withErrors ? { finishWithErrors: true } : {}) }),
    onSuccess: finish,
  });
  const pause = useMutation({
    mutationFn: () => saveDraft(meetingId, draft.id, figures),
    onSuccess: () => {
      closed.current = true;
      void navigate('/tally');
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteDraft(meetingId, draft.id),
    onSuccess: () => {
      closed.current = true;
      void queryClient.invalidateQueries({ queryKey: sheetsKey(meetingId) });
      void navigate('/tally');
    },
  });

  const title = `${contestName(draft.contest, draft.stage)} · 票箱 ${draft.box}`;
  if (done) {
    return (
      <Page title="录入计票单">
        <Result
          status="success"
          title="已保存，请将计票单交给总监票人"
          subTitle={
            <Space>
              <span>{title}</span>
              <Tag color={STATE_COLOR[done.state]}>{done.stateZh}</Tag>
            </Space>
          }
          extra={
            <Button type="primary" autoFocus onClick={() => void navigate('/tally')}>
              返回计票单列表
            </Button>
          }
        />
      </Page>
    );
  }

  const errorFields = new Set(validation.errors.flatMap((e) => e.fields));
  const warningFields = new Set(validation.warnings.flatMap((e) => e.fields));
  const statusOf = (field: string) => (errorFields.has(field) ? 'error' : warningFields.has(field) ? 'warning' : undefined);
  const labelOf = (field: string) => {
    if (field === 'votes') return '候选人得票合计';
    const f = draft.fields.find((x) => x.field === field);
    return f ? f.labelZh : field;
  };
  const firstInputOf = (fields: readonly string[]) => {
    const field = fields[0] ?? '';
    if (field === 'votes') return `votes.${draft.candidates[0]?.id ?? ''}`;
    return field;
  };
  const submitError = submit.error instanceof ApiError ? submit.error : undefined;
  const mayFinishWithErrors = submitError?.status === 422 && submitError.code !== 'WARNINGS_NOT_CHECKED';
  const needsCheck = validation.warnings.length > 0 && !checked;

  let index = 0;
  const row = (field: string, label: string, extra?: React.ReactNode) => {
    const i = index++;
    const cleared = draft.cleared.includes(field);
    return (
      <Flex key={field} align="center" gap={12} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
        <label htmlFor={domId(field)} style={{ width: 170, fontSize: 16 }}>
          {label}
        </label>
        <CountInput
          id={domId(field)}
          ref={(r) => {
            if (r) refs.current.set(field, r);
          }}
          value={values[field] ?? ''}
          onChange={(text) => edit(field, text)}
          onRefused={setRefused}
          onKeyDown={onKey(i)}
          status={statusOf(field)}
          describedBy={cleared ? `${domId(field)}-cleared` : undefined}
        />
        {cleared ? (
          <Tag color="#ad4e00" id={`${domId(field)}-cleared`}>
            须重新录入
          </Tag>
        ) : null}
        {extra}
      </Flex>
    );
  };

  const ballots = draft.fields.filter((f) => f.group === 'ballots');
  const candidates = draft.fields.filter((f) => f.group === 'candidates');
  const lines = draft.fields.filter((f) => f.group === 'write-ins');

  return (
    <Page
      title="录入计票单"
      extra={
        <Space>
          <Tag color={STATE_COLOR[draft.state]} style={{ fontSize: 14, padding: '2px 8px' }}>
            {draft.stateZh}
          </Tag>
          <Tag style={{ fontSize: 14, padding: '2px 8px' }}>{draft.entryNumber === 1 ? '第一次录入' : '第二次录入'}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph strong style={{ fontSize: 16 }}>
        {title}（应选{draft.seats}名）{draft.correctionOf ? `　更正：${draft.reason ?? ''}` : ''}
      </Typography.Paragraph>
      <Flex gap={16} wrap align="flex-start">
        <form
          aria-label="计票单"
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate(false);
          }}
          style={{ flex: '1 1 430px', maxWidth: 520 }}
        >
          <Card size="small" title="选票情况" style={{ marginBottom: 12 }}>
            {ballots.map((f) => row(f.field, f.labelZh))}
          </Card>
          <Card size="small" title="候选人得票（按选票顺序）" style={{ marginBottom: 12 }}>
            {candidates.map((f, i) => row(f.field, `${i + 1}. ${f.labelZh}`))}
          </Card>
          <Card size="small" title="另选他人" style={{ marginBottom: 12 }}>
            {lines.map((f, line) => {
              const nameField = `${f.field}.name`;
              const i = index++;
              const flag = writeInFlags[line];
              return (
                <div key={f.field}>
                  <Flex align="center" gap={12} style={{ padding: '6px 0' }}>
                    <label htmlFor={domId(nameField)} style={{ width: 170, fontSize: 16 }}>
                      {f.labelZh} 姓名
                    </label>
                    <Input
                      id={domId(nameField)}
                      ref={(r) => {
                        if (r) refs.current.set(nameField, r);
                      }}
                      value={values[nameField] ?? ''}
                      autoComplete="off"
                      style={{ width: 140, fontSize: 16 }}
                      status={statusOf(f.field)}
                      aria-describedby={flag ? `${domId(nameField)}-flag` : undefined}
                      onChange={(e) => edit(nameField, e.target.value)}
                      onKeyDown={onKey(i)}
                      onBlur={() => {
                        const name = (values[nameField] ?? '').trim();
                        if (!name) return setWriteInFlags((w) => ({ ...w, [line]: null }));
                        checkWriteIn(meetingId, name).then(
                          (r) => setWriteInFlags((w) => ({ ...w, [line]: r.eligible ? null : (r.messageZh ?? '不是本社区有选举权的选民') })),
                          () => undefined,
                        );
                      }}
                    />
                    {flag ? (
                      <Typography.Text style={{ color: "#ad4e00" }} id={`${domId(nameField)}-flag`}>
                        {flag}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                  {row(f.field, `${f.labelZh} 票数`)}
                </div>
              );
            })}
          </Card>
          {refused ? <Alert type="warning" showIcon role="alert" title={refused} style={{ marginBottom: 12 }} /> : null}
          <FeedbackPanel error={submit.error ?? pause.error ?? remove.error} title="未能提交" />
          {mayFinishWithErrors ? (
            <Alert
              type="error"
              title="计票单仍有错误。请先与总监票人沟通；确认纸质计票单确实如此时，可带错误提交，由总监票人处理。"
              action={
                <Button danger onClick={() => submit.mutate(true)} loading={submit.isPending}>
                  已与总监票人沟通，带错误提交
                </Button>
              }
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" ref={submitRef} size="large" loading={submit.isPending} disabled={needsCheck}>
              提交录入
            </Button>
            <Button size="large" onClick={() => pause.mutate()} loading={pause.isPending}>
              暂停（保留录入）
            </Button>
            <Popconfirm title="删除已录入的全部数字并释放此计票单？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate()}>
              <Button size="large" danger>
                删除录入
              </Button>
            </Popconfirm>
          </Flex>
        </form>

        <div style={{ flex: '1 1 280px', maxWidth: 380, position: 'sticky', top: 16 }}>
          <section aria-label="错误" style={{ marginBottom: 12 }}>
            <Card size="small" title={`错误（${validation.errors.length}）`} styles={{ header: { color: validation.errors.length ? '#cf1322' : undefined } }}>
              {validation.errors.length === 0 ? (
                <Typography.Text style={{ color: "#595959" }}>无</Typography.Text>
              ) : (
                <ul style={{ paddingLeft: 18, margin: 0 }}>
                  {validation.errors.map((e, i) => (
                    <li key={i} style={{ marginBottom: 6 }}>
                      <a style={{ textDecoration: 'underline' }} href={`#${domId(firstInputOf(e.fields))}`} onClick={(ev) => (ev.preventDefault(), focus(firstInputOf(e.fields)))}>
                        {e.fields.map(labelOf).join('、') || e.rule}
                      </a>
                      ：{e.equationZh ?? e.messageZh}
                      <Typography.Text style={{ color: "#595959" }}> （{e.rule}）</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </section>
          <section aria-label="警告">
            <Card size="small" title={`警告（${validation.warnings.length}）`}>
              {validation.warnings.length === 0 ? (
                <Typography.Text style={{ color: "#595959" }}>无</Typography.Text>
              ) : (
                <>
                  <ul style={{ paddingLeft: 18, marginTop: 0 }}>
                    {validation.warnings.map((w, i) => (
                      <li key={i} style={{ marginBottom: 6 }}>
                        <a style={{ textDecoration: 'underline' }} href={`#${domId(firstInputOf(w.fields))}`} onClick={(ev) => (ev.preventDefault(), focus(`${firstInputOf(w.fields)}.name`))}>
                          {w.fields.map(labelOf).join('、')}
                        </a>
                        ：{w.messageZh}
                        <Typography.Text style={{ color: "#595959" }}> （{w.rule}）</Typography.Text>
                      </li>
                    ))}
                  </ul>
                  <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
                    已与纸质计票单核对
                  </Checkbox>
                </>
              )}
            </Card>
          </section>
        </div>
      </Flex>
    </Page>
  );
}
