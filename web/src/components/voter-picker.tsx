/** A voter picked by name or the last digits of the identity number (the voter list's own search); one or many. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, unwrap } from '../api/client';
import { keys } from '../api/queries';

export function VoterPicker(props: { readonly communityId: string; readonly value?: string | string[]; readonly onChange?: (id: string | string[]) => void; readonly id?: string; readonly multiple?: boolean }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: [...keys.community(props.communityId), 'voters', { page: 1, pageSize: 20, q }],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/voters', { params: { path: { id: props.communityId }, query: { page: 1, pageSize: 20, ...(q ? { q } : {}) } } })),
    enabled: Boolean(props.communityId),
  });
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value}
      onChange={props.onChange}
      placeholder="输入姓名或身份证号后几位查找"
      style={{ minWidth: 240 }}
      options={(found.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.idNumber}）` }))}
      notFoundContent={found.isFetching ? '查找中…' : '没有找到'}
    />
  );
}

