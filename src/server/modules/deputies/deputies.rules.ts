import { isValidDay } from '../../../domain/due-dates.js';
import { isPhoneNumber } from '../../../domain/phone.js';
import { parseResidentId } from '../../../domain/resident-id.js';
import type { DeputyLevel, Gender } from '../../db/schema.js';

/** A deputy as entered in a form or read from a sheet row, before it is stored. */
export interface DeputyInput {
  level: DeputyLevel;
  termNumber: number;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  party: string;
  education: string;
  occupation: string;
  workplace?: string | null;
  constituencyId?: string | null;
  groupId?: string | null;
  phone?: string | null;
  mandateStart: string;
  mandateEnd?: string | null;
  endReason?: string | null;
  holdsGovernmentPost?: boolean;
}

/** One problem with one field, named by the input field (the sheet maps it to its column). */
export interface DeputyProblem {
  field: keyof DeputyInput;
  reason: string;
}

export interface DeputyCheckContext {
  occupations: readonly string[];
  today: string;
}

const ID_REASONS: Record<string, string> = {
  length: '身份证号应为18位',
  characters: '身份证号只能包含数字，最后一位可以是X',
  birth_date: '身份证号中的出生日期无效',
  check_digit: '身份证号校验码不正确（GB 11643）',
};

/**
 * Checks a deputy's fields against each other and the township's lists: the 身份证号 check
 * digit (GB 11643), birth date and gender agreeing with it, known occupation category, phone
 * format, and mandate dates in order with a reason when the mandate ended.
 * Returns every problem found (empty when the deputy is valid).
 */
export function checkDeputy(input: DeputyInput, ctx: DeputyCheckContext): DeputyProblem[] {
  const problems: DeputyProblem[] = [];
  const id = parseResidentId(input.idNumber, ctx.today);
  if (!id.ok) {
    problems.push({ field: 'idNumber', reason: ID_REASONS[id.reason] ?? id.reason });
  } else {
    if (isValidDay(input.birthDate) && id.birthDate !== input.birthDate) problems.push({ field: 'birthDate', reason: `出生日期与身份证号不一致（身份证号为${id.birthDate}）` });
    if (id.gender !== input.gender) problems.push({ field: 'gender', reason: `性别与身份证号不一致（身份证号为${id.gender === 'male' ? '男' : '女'}）` });
  }
  if (!isValidDay(input.birthDate)) problems.push({ field: 'birthDate', reason: '出生日期应为有效日期，如 1975-06-01' });
  if (!ctx.occupations.includes(input.occupation)) problems.push({ field: 'occupation', reason: `职业类别应为：${ctx.occupations.join('、')}` });
  if (input.phone && !isPhoneNumber(input.phone)) problems.push({ field: 'phone', reason: '联系电话格式不正确' });
  if (!isValidDay(input.mandateStart)) problems.push({ field: 'mandateStart', reason: '任期开始应为有效日期' });
  if (input.mandateEnd) {
    if (!isValidDay(input.mandateEnd)) problems.push({ field: 'mandateEnd', reason: '任期结束应为有效日期' });
    else if (isValidDay(input.mandateStart) && input.mandateEnd < input.mandateStart) problems.push({ field: 'mandateEnd', reason: '任期结束不能早于任期开始' });
    if (!input.endReason?.trim()) problems.push({ field: 'endReason', reason: '任期结束时须填写终止原因' });
  }
  if (!Number.isInteger(input.termNumber) || input.termNumber < 1 || input.termNumber > 99) problems.push({ field: 'termNumber', reason: '届次应为1到99的整数' });
  return problems;
}

/** Default occupation categories (职业类别), editable per township. */
export const DEFAULT_OCCUPATIONS = ['工人', '农民', '专业技术人员', '党政机关干部', '企业负责人', '村（社区）干部', '解放军', '其他'] as const;
export const PARTIES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众'] as const;
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学'] as const;
