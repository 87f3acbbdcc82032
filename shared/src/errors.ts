/**
 * Stable error codes shared by the server and the mini-program. The server answers each with
 * the HTTP status below (RFC 9457 problem details); the mini-program shows the Chinese title
 * chosen by code, never the server's wording.
 */
export const errorStatus = {
  VALIDATION_FAILED: 422,
  MALFORMED_REQUEST: 400,
  REGION_UNKNOWN: 422,
  POLICY_NOT_IN_FORCE: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  ALREADY_CLAIMED: 409,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  CASE_ALREADY_OPEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  WECHAT_LOGIN_FAILED: 401,
  BAD_CREDENTIALS: 401,
  OVER_LIMIT: 422,
  UPSTREAM_UNAVAILABLE: 502,
  NOT_READY: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

/** Short Chinese titles a resident can read; `detail` adds the specifics. */
export const errorTitle: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误',
  MALFORMED_REQUEST: '请求格式不正确',
  REGION_UNKNOWN: '没有找到这个地区',
  POLICY_NOT_IN_FORCE: '该地区在这个日期没有适用的救助标准',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限办理这项操作',
  CSRF_REJECTED: '页面已过期，请刷新后重试',
  NOT_FOUND: '没有找到',
  CASE_NOT_FOUND: '没有找到这件申请',
  METHOD_NOT_ALLOWED: '不支持这种请求方式',
  CONFLICT: '操作冲突，请刷新后再试',
  INVALID_TRANSITION: '当前状态下不能这样办理',
  ALREADY_CLAIMED: '这件申请已经有人接手了',
  IDEMPOTENCY_KEY_REQUIRED: '缺少提交编号，请重新提交',
  IDEMPOTENCY_KEY_REUSED: '这个提交编号已用于另一份申请',
  IDEMPOTENCY_IN_PROGRESS: '申请正在提交中，请稍候',
  CASE_ALREADY_OPEN: '已有一件正在办理的申请',
  PAYLOAD_TOO_LARGE: '文件太大了',
  UNSUPPORTED_MEDIA_TYPE: '不支持这种文件格式',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  BAD_CREDENTIALS: '用户名或密码不正确',
  OVER_LIMIT: '金额超出权限范围',
  UPSTREAM_UNAVAILABLE: '外部服务暂时不可用，请稍后再试',
  NOT_READY: '服务暂时不可用，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后再试',
};

/** One field problem inside a 400/422: `path` is dotted, e.g. `members.0.age`. */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details as this API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
}
