import { z } from 'zod';
import { maskPhone } from '../../../domain/phone.js';
import { maskResidentId } from '../../../domain/resident-id.js';
import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/policy.js';
import type { DeputyRow } from './deputies.repository.js';
import type { ConstituencyView, GroupView, PresidiumView } from './structure.service.js';
import type { DutyRecord, RankingEntry } from './duty-record.service.js';

export const ZDeputy = z.object({
  id: z.string(),
  townshipId: z.string(),
  level: z.enum(['township', 'county']),
  termNumber: z.number(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  ethnicity: z.string(),
  birthDate: z.string(),
  /** Always masked here: the full number needs /reveal, which is audited. */
  idNumberMasked: z.string(),
  party: z.string(),
  education: z.string(),
  occupation: z.string(),
  workplace: z.string().nullable(),
  constituencyId: z.string().nullable(),
  groupId: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  mandateStart: z.string(),
  mandateEnd: z.string().nullable(),
  endReason: z.string().nullable(),
  holdsGovernmentPost: z.boolean(),
  hasAccount: z.boolean(),
  isServing: z.boolean(),
  can: z.object({ update: z.boolean(), updateOwn: z.boolean(), reveal: z.boolean(), createAccount: z.boolean() }),
});

export function presentDeputy(d: DeputyRow, actor: Actor): z.infer<typeof ZDeputy> {
  const isSelf = actor.role === 'deputy' && d.user_id === actor.id;
  return {
    id: d.id, townshipId: d.township_id, level: d.level, termNumber: d.term_number, name: d.name, gender: d.gender,
    ethnicity: d.ethnicity, birthDate: d.birth_date, idNumberMasked: maskResidentId(d.id_number), party: d.party,
    education: d.education, occupation: d.occupation, workplace: d.workplace, constituencyId: d.constituency_id,
    groupId: d.group_id, phoneMasked: d.phone ? maskPhone(d.phone) : null, mandateStart: d.mandate_start,
    mandateEnd: d.mandate_end, endReason: d.end_reason, holdsGovernmentPost: d.has_government_post,
    hasAccount: Boolean(d.user_id), isServing: d.mandate_end === null,
    can: {
      update: can(actor, 'deputy.manage'),
      updateOwn: isSelf,
      reveal: isSelf || can(actor, 'personal.reveal'),
      createAccount: can(actor, 'deputy.manage') && can(actor, 'user.manage') && !d.user_id,
    },
  };
}

/**
 * An item of the township's deputy list. Who may read roster records (canReadDeputy: the office,
 * presidium, county, a deputy their own) gets the full record; anyone else (another deputy, a unit
 * handler, a village clerk) a brief one under the minimum-necessary principle of 个人信息保护法:
 * what the portal's 代表风采 shows anyway and the co-signer and participant pickers use. The
 * fields only the full record carries are optional here and absent from a brief item.
 */
export const ZDeputyListItem = ZDeputy.partial({
  ethnicity: true, birthDate: true, idNumberMasked: true, party: true, education: true, occupation: true,
  phoneMasked: true, endReason: true, holdsGovernmentPost: true, hasAccount: true,
});

/** A deputy as a list item for an actor who may not read their roster record; `can` is all false. */
export function presentDeputyBrief(d: DeputyRow): z.infer<typeof ZDeputyListItem> {
  return {
    id: d.id, townshipId: d.township_id, level: d.level, termNumber: d.term_number, name: d.name, gender: d.gender,
    workplace: d.workplace, constituencyId: d.constituency_id, groupId: d.group_id, mandateStart: d.mandate_start,
    mandateEnd: d.mandate_end, isServing: d.mandate_end === null,
    can: { update: false, updateOwn: false, reveal: false, createAccount: false },
  };
}

export const ZConstituency = z.object({
  id: z.string(), name: z.string(), registeredVoters: z.number(), seats: z.number(), villageIds: z.array(z.string()), deputyCount: z.number(),
});
export function presentConstituency(c: ConstituencyView): z.infer<typeof ZConstituency> {
  return { id: c.id, name: c.name, registeredVoters: c.registered_voters, seats: c.seats, villageIds: c.villageIds, deputyCount: c.deputyCount };
}

export const ZGroup = z.object({ id: z.string(), name: z.string(), leaderDeputyId: z.string().nullable(), memberCount: z.number(), warnings: z.array(z.string()) });
export function presentGroup(g: GroupView): z.infer<typeof ZGroup> {
  return { id: g.id, name: g.name, leaderDeputyId: g.leader_deputy_id, memberCount: g.memberCount, warnings: g.warnings };
}

export const ZPresidium = z.object({
  members: z.array(z.object({
    id: z.string(), deputyId: z.string(), deputyName: z.string(), position: z.enum(['chair', 'vice_chair', 'member']),
    termNumber: z.number(), sessionLabel: z.string(), electedOn: z.string(), holdsGovernmentPost: z.boolean(),
  })),
  warnings: z.array(z.string()),
});
export function presentPresidium(p: PresidiumView): z.infer<typeof ZPresidium> {
  return {
    members: p.members.map((m) => ({
      id: m.id, deputyId: m.deputy_id, deputyName: m.deputyName, position: m.position, termNumber: m.term_number,
      sessionLabel: m.session_label, electedOn: m.elected_on, holdsGovernmentPost: m.holdsGovernmentPost,
    })),
    warnings: p.warnings,
  };
}

const ZDutyItem = z.object({ date: z.string(), title: z.string(), detail: z.string().optional(), source: z.object({ type: z.string(), id: z.string() }) });
export const ZDutyRecord = z.object({
  deputy: ZDeputy,
  year: z.number(),
  roles: z.array(z.string()),
  sections: z.array(z.object({ key: z.string(), items: z.array(ZDutyItem), events: z.array(z.object({ kind: z.string(), count: z.number() })) })),
  score: z.object({
    total: z.number(),
    breakdown: z.record(z.string(), z.object({ count: z.number(), pointsEach: z.number(), points: z.number() })),
    /** Every point rule of the township, in order, with count 0 where nothing matched. */
    byRule: z.array(z.object({ kind: z.string(), count: z.number(), pointsEach: z.number(), points: z.number() })),
  }),
  rank: z.number().nullable(),
  rankedOf: z.number(),
});
export function presentDutyRecord(r: DutyRecord, actor: Actor): z.infer<typeof ZDutyRecord> {
  return {
    deputy: presentDeputy(r.deputy, actor), year: r.year, roles: r.roles,
    sections: r.sections.map((s) => ({ key: s.key, items: s.items, events: s.events.map((e) => ({ kind: e.kind, count: e.count })) })),
    score: { total: r.score.total, breakdown: { ...r.score.breakdown }, byRule: r.pointsByRule.map((x) => ({ ...x })) }, rank: r.rank, rankedOf: r.rankedOf,
  };
}

export const ZRankingEntry = z.object({ deputyId: z.string(), name: z.string(), level: z.string(), total: z.number(), rank: z.number() });
export function presentRanking(r: RankingEntry[]): z.infer<typeof ZRankingEntry>[] {
  return r.map((e) => ({ deputyId: e.deputyId, name: e.name, level: e.level, total: e.total, rank: e.rank }));
}
