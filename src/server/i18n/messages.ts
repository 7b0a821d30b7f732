import type { ErrorCode } from '../errors.js';

export type Locale = 'zh-CN' | 'en-US';

/** Server-side messages for error codes. `{name}` is replaced by the error's params. */
const MESSAGES: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    VALIDATION_FAILED: '提交的内容有误，请检查标出的字段',
    MALFORMED_JSON: '请求内容不是有效的 JSON',
    UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
    PAYLOAD_TOO_LARGE: '提交的内容过大',
    UNAUTHENTICATED: '请先登录',
    SESSION_EXPIRED: '登录已超时，请重新登录',
    INVALID_CREDENTIALS: '用户名或密码错误',
    ACCOUNT_LOCKED: '登录失败次数过多，账号已锁定，请{minutes}分钟后再试',
    CSRF_FAILED: '请求校验失败，请刷新页面后重试',
    FORBIDDEN: '您没有执行此操作的权限',
    PASSWORD_CHANGE_REQUIRED: '首次登录或密码已重置，请先修改密码',
    WEAK_PASSWORD: '密码不符合要求：至少8位，且包含大写字母、小写字母、数字、符号中的至少3类，不能包含用户名',
    WRONG_CURRENT_PASSWORD: '当前密码不正确',
    NOT_FOUND: '未找到该记录',
    USERNAME_TAKEN: '用户名“{username}”已被使用',
    TOWNSHIP_CODE_INVALID: '乡镇代码应为9位数字（统计用区划代码），收到“{code}”',
    TOWNSHIP_CODE_UNKNOWN: '区划代码库中没有代码为 {code} 的乡镇（街道）',
    TOWNSHIP_EXISTS: '乡镇 {code} 已经存在',
    SETUP_ALREADY_DONE: '系统已完成初始化',
    ROLE_BINDING_INVALID: '角色“{role}”需要绑定{binding}',
    CONFLICT: '记录已被修改或存在冲突，请刷新后重试',
    IMPORT_INVALID: '导入未执行：有{rows}行数据存在错误，请按错误报告修改后重新导入',
    IMPORT_FILE_INVALID: '无法读取导入文件：{reason}',
    UPLOAD_INVALID: '请以表单方式上传一个文件（{reason}）',
    UPLOAD_TYPE_NOT_ALLOWED: '文件类型不符合要求，只接受 {allowed} 文件',
    UPLOAD_TOO_COMPLEX: '文件解压后过大或结构异常，已拒绝',
    SESSION_NUMBER_TAKEN: '第{term}届第{sitting}次会议已经存在',
    SESSION_STATE_INVALID: '会议当前状态（{state}）下不能进行此操作',
    SESSION_NO_SEATED_DEPUTIES: '本届没有在任的镇人大代表，无法开会',
    QUORUM_NOT_MET: '出席代表{present}人，未超过全体代表{seated}人的三分之二（至少需{threshold}人），不能表决',
    VOTE_ALREADY_OPEN: '本次会议已有正在进行的表决，请先结束它',
    VOTE_NOT_OPEN: '该表决已结束，票数不能修改；如需更正请重新表决',
    VOTE_STILL_OPEN: '还有表决未结束，不能闭会',
    VOTE_COUNTS_INVALID: '票数不一致：赞成、反对、弃权之和不能超过出席人数{present}',
    VOTE_ALREADY_SUPERSEDED: '该表决已被重新表决取代',
    DEPUTY_NOT_SEATED: '您不是本次会议的在任代表，不能签到',
    FILE_TYPE_NOT_ALLOWED: '只能上传 .docx 或 .pdf 文件',
    FILE_TOO_LARGE: '文件超过 {maxMb} MB 上限',
    MOTION_TOO_FEW_SIGNERS: '议案须由代表五人以上联名（已确认{confirmed}人），不能列入议程',
    MOTION_STATE_INVALID: '议案已处理，不能再修改',
    RESOLUTION_LOCKED: '决议已经表决，文本不能再修改',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    INTERNAL: '服务器内部错误，请稍后重试或联系管理员',
  },
  'en-US': {
    VALIDATION_FAILED: 'Some fields are invalid; please check the marked fields',
    MALFORMED_JSON: 'The request body is not valid JSON',
    UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
    PAYLOAD_TOO_LARGE: 'The request body is too large',
    UNAUTHENTICATED: 'Please sign in',
    SESSION_EXPIRED: 'Your session has expired; please sign in again',
    INVALID_CREDENTIALS: 'Wrong username or password',
    ACCOUNT_LOCKED: 'Too many failed sign-ins; the account is locked, try again in {minutes} minutes',
    CSRF_FAILED: 'Request verification failed; reload the page and try again',
    FORBIDDEN: 'You are not allowed to do this',
    PASSWORD_CHANGE_REQUIRED: 'Please change your password first',
    WEAK_PASSWORD: 'Password too weak: at least 8 characters of at least 3 kinds (upper, lower, digit, symbol), not containing the username',
    WRONG_CURRENT_PASSWORD: 'The current password is wrong',
    NOT_FOUND: 'Record not found',
    USERNAME_TAKEN: 'The username "{username}" is taken',
    TOWNSHIP_CODE_INVALID: 'A township code has 9 digits (NBS division code); got "{code}"',
    TOWNSHIP_CODE_UNKNOWN: 'No township with code {code} in the division data',
    TOWNSHIP_EXISTS: 'Township {code} already exists',
    SETUP_ALREADY_DONE: 'Setup has already been completed',
    ROLE_BINDING_INVALID: 'Role "{role}" must be bound to {binding}',
    CONFLICT: 'The record changed or conflicts; reload and try again',
    IMPORT_INVALID: 'Nothing was imported: {rows} rows have errors; fix them as the error report says and import again',
    IMPORT_FILE_INVALID: 'Cannot read the import file: {reason}',
    UPLOAD_INVALID: 'Upload one file as a form ({reason})',
    UPLOAD_TYPE_NOT_ALLOWED: 'File type not allowed; only {allowed} files are accepted',
    UPLOAD_TOO_COMPLEX: 'The file unpacks too large or is malformed; refused',
    SESSION_NUMBER_TAKEN: 'Session {sitting} of term {term} already exists',
    SESSION_STATE_INVALID: 'Not possible while the session is {state}',
    SESSION_NO_SEATED_DEPUTIES: 'No seated township deputies of this term: the session cannot open',
    QUORUM_NOT_MET: '{present} present of {seated} seated: a quorum needs {threshold} (more than two thirds)',
    VOTE_ALREADY_OPEN: 'Another vote of this session is still open',
    VOTE_NOT_OPEN: 'The vote is closed; its counts cannot change: correct it with a re-vote',
    VOTE_STILL_OPEN: 'A vote is still open: close it first',
    VOTE_COUNTS_INVALID: 'Inconsistent counts: yes + no + abstain may not exceed the {present} present',
    VOTE_ALREADY_SUPERSEDED: 'This vote has already been superseded by a re-vote',
    DEPUTY_NOT_SEATED: 'You are not a seated deputy of this session',
    FILE_TYPE_NOT_ALLOWED: 'Only .docx and .pdf files can be uploaded',
    FILE_TOO_LARGE: 'The file exceeds the {maxMb} MB limit',
    MOTION_TOO_FEW_SIGNERS: 'A motion needs 5 or more deputies jointly ({confirmed} confirmed): it cannot go on the agenda',
    MOTION_STATE_INVALID: 'The motion has already been decided',
    RESOLUTION_LOCKED: 'The resolution has been voted on; its text cannot change',
    RATE_LIMITED: 'Too many requests; try again later',
    INTERNAL: 'Internal server error; try again or contact the administrator',
  },
};

/** Picks the locale from an Accept-Language header: en-US only when English is preferred. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

/** The message for `code` in `locale` with `{param}` filled in. */
export function errorMessage(locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}): string {
  return MESSAGES[locale][code].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
