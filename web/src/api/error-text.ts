/**
 * The one map from an API error code to Chinese text, used when an answer carries no `messageZh` of its own (a proxy's
 * 502, a dropped connection) and for the heading of the feedback panel.
 */
export const ERROR_TEXT: Readonly<Record<string, string>> = {
  NETWORK: '无法连接服务器，请检查网络后重试',
  UNAUTHORIZED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  BAD_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '账户已被暂时锁定，请稍后再试',
  PASSWORD_CHANGE_REQUIRED: '首次登录须先修改密码',
  FORBIDDEN: '无权进行此操作或访问此数据',
  NOT_FOUND: '要找的内容不存在',
  BAD_REQUEST: '请求内容有误',
  RULE_VIOLATION: '不符合换届选举规则',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  BODY_TOO_LARGE: '上传内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型',
  RETRY: '与其他操作同时进行发生冲突，本次未保存任何内容，请重新提交',
  DATABASE_UNAVAILABLE: '数据库暂时不可用，请稍后再试',
  INTERNAL: '系统内部错误，请联系管理员',
};

/** Chinese text for an HTTP status when the body says nothing usable. */
export function statusText(status: number): string {
  if (status === 401) return ERROR_TEXT.UNAUTHORIZED!;
  if (status === 403) return ERROR_TEXT.FORBIDDEN!;
  if (status === 404) return ERROR_TEXT.NOT_FOUND!;
  if (status === 409) return '与已有数据冲突';
  if (status === 413) return ERROR_TEXT.BODY_TOO_LARGE!;
  if (status === 422) return ERROR_TEXT.RULE_VIOLATION!;
  if (status === 429) return ERROR_TEXT.RATE_LIMITED!;
  if (status >= 500) return ERROR_TEXT.INTERNAL!;
  return ERROR_TEXT.BAD_REQUEST!;
}
