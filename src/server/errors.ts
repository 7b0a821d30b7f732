/**
 * One error type with a stable code. The error handler maps codes to HTTP status and to a
 * message in the caller's language; the web app maps codes to its own translations.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  WEAK_PASSWORD: 400,
  WRONG_CURRENT_PASSWORD: 400,
  NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  TOWNSHIP_CODE_INVALID: 400,
  TOWNSHIP_CODE_UNKNOWN: 404,
  TOWNSHIP_EXISTS: 409,
  SETUP_ALREADY_DONE: 409,
  ROLE_BINDING_INVALID: 400,
  CONFLICT: 409,
  IMPORT_INVALID: 422,
  IMPORT_FILE_INVALID: 400,
  UPLOAD_INVALID: 400,
  UPLOAD_TYPE_NOT_ALLOWED: 415,
  UPLOAD_TOO_COMPLEX: 413,
  SESSION_NUMBER_TAKEN: 409,
  SESSION_STATE_INVALID: 409,
  SESSION_NO_SEATED_DEPUTIES: 409,
  QUORUM_NOT_MET: 409,
  VOTE_ALREADY_OPEN: 409,
  VOTE_NOT_OPEN: 409,
  VOTE_STILL_OPEN: 409,
  VOTE_COUNTS_INVALID: 400,
  VOTE_ALREADY_SUPERSEDED: 409,
  DEPUTY_NOT_SEATED: 403,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_TOO_LARGE: 413,
  MOTION_TOO_FEW_SIGNERS: 409,
  MOTION_STATE_INVALID: 409,
  RESOLUTION_LOCKED: 409,
  SUGGESTION_STATE_INVALID: 409,
  SUGGESTION_TOO_FEW_SIGNERS: 409,
  SUGGESTION_CONTACT_REQUIRED: 409,
  SUGGESTION_CATEGORY_UNKNOWN: 400,
  SUGGESTION_NOT_TRACKED: 409,
  RATE_LIMITED: 429,
  RECEPTION_ANNOUNCEMENT_TOO_LATE: 400,
  CHALLENGE_FAILED: 400,
  OPINION_STATE_INVALID: 409,
  OPINION_NO_CONTACT: 409,
  CONSOLIDATION_LOCKED: 409,
  EVALUATION_RATINGS_EXCEED: 400,
  EVALUATION_INCOMPLETE: 409,
  EVALUATION_PUBLISHED: 409,
  PRESIDIUM_NOT_ELECTED: 409,
  PRESIDIUM_QUORUM_NOT_MET: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Dotted path of the field, e.g. `villages.2.name`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, fields?: FieldError[]) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 404 for anything outside the actor's scope: outsiders cannot tell "missing" from "not yours". */
export function notFound(entity = 'record'): AppError {
  return new AppError('NOT_FOUND', { entity });
}
