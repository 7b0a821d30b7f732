import type { Role } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';

/**
 * What each role may do, declared in one place. Services call `authorize`; `/auth/me` sends
 * the list to the web app, which hides what the user may not do. Scope (which township) is
 * checked separately, in the WHERE clause: an outsider gets 404, an insider without the
 * ability gets 403.
 */
export const ABILITIES = [
  'township.update',
  'village.manage',
  'unit.manage',
  'user.manage',
  'audit.read',
  /** Deputies' roster, constituencies, groups, presidium, area assignments, imports. */
  'deputy.manage',
  /** See a full 身份证号 or phone number (each reveal is audited). */
  'personal.reveal',
  /** See deputies' duty records and the township ranking. */
  'duty.read',
  /** Read congress sessions, agenda, attendance, votes, resolutions, motions. */
  'session.read',
  /** Run a session: dates, agenda and documents, attendance, resolutions, paper signatures. */
  'session.manage',
  /** Open, count and close votes; decide motions (主席团, recorded by the office). */
  'session.preside',
  /** Check oneself in by the session's QR code (a deputy). */
  'session.checkin',
  /** Submit or co-sign a 议案. */
  'motion.submit',
  /** Read every suggestion of the township (a deputy sees their own, a unit handler its unit's, without this). */
  'suggestion.read',
  /** Submit a suggestion or co-sign one (a deputy for themselves; the office records paper ones). */
  'suggestion.submit',
  /** Register (立案) or return, assign (交办), close, record feedback given on paper, export. */
  'suggestion.manage',
  /** Record supervision actions (督办) and see the per-unit statistics. */
  'suggestion.supervise',
  /** Handle suggestions assigned to one's unit: contacts, opinions, replies, progress. */
  'suggestion.handle',
  /** Record and edit every duty activity and resident opinion of the township; consolidate opinions (梳理归纳), make suggestions of them, notify residents. */
  'duty.manage',
  /** Log one's own duty activities and the opinions collected in them (a deputy). */
  'duty.log',
  /** Record 述职评议 meetings: attendees, ratings, written evaluation, publication. */
  'duty.evaluate',
  /** Read presidium meetings between sessions (主席团会议): attendance, topics, decisions, minutes. */
  'presidium_meeting.read',
  /** Plan presidium meetings: date, place, convener, topics, documents. */
  'presidium_meeting.manage',
  /** Record what a presidium meeting did: attendance, decisions (with its quorum), minutes. */
  'presidium_meeting.record',
  /** See the county dashboard: every township of the county rolled up by year (县人大常委会). */
  'county.read',
  /** Draft and issue county notices with tasks to the county's townships; read their report backs. */
  'county_notice.manage',
  /** Read the county's notices to one's township and report back on their tasks (人大办). */
  'county_task.report',
  /** Read the portal's articles and categories in the back office. */
  'article.read',
  /** Write, edit and submit portal articles; upload their images; edit the categories (人大办). */
  'article.write',
  /** Review portal articles: publish, return with a note, unpublish (主席团). */
  'article.publish',
  /** Read the year facts (年度数据) and download the year-end summary and the other reports. */
  'report.read',
  /** Edit the summary's narrative, upload report templates, publish the summary on the portal (人大办). */
  'report.manage',
  /** Read the township's disclosures and compliance lists: boards, village periods, complaints, model villages. */
  'disclosure.read',
  /** Maintain every unit's board and disclosures and every village's disclosures of the township (人大办). */
  'disclosure.manage',
  /** Maintain one's own unit's enforcement board and government or school disclosure (承办单位). */
  'disclosure.unit',
  /** Prepare and publish one's own village's affairs and finance disclosures (村委会). */
  'disclosure.village',
  /** Keep the complaints and lawsuits register and the model-village programmes (人大办). */
  'rule_of_law.manage',
  /** Read village committee election rounds and elections (a village clerk: their own village's only). */
  'election.read',
  /** Run election rounds: guidance group, training, calendars, candidates, resolving tally mismatches, counting. */
  'election.manage',
  /** Import a village's voter roll and record proxies (委托投票). */
  'election.roll',
  /** Enter a ballot box's tally (one of the two entries). */
  'election.tally',
  /** Upload and remove the documents of an election's calendar steps (a village clerk: their own village's). */
  'election.document',
] as const;
export type Ability = (typeof ABILITIES)[number];

export const ROLE_ABILITIES = {
  county_admin: ['audit.read', 'duty.read', 'session.read', 'suggestion.read', 'presidium_meeting.read', 'county.read', 'county_notice.manage', 'article.read', 'report.read', 'disclosure.read', 'election.read'],
  office: ['township.update', 'village.manage', 'unit.manage', 'user.manage', 'audit.read', 'deputy.manage', 'personal.reveal', 'duty.read', 'session.read', 'session.manage', 'session.preside', 'motion.submit', 'suggestion.read', 'suggestion.submit', 'suggestion.manage', 'suggestion.supervise', 'duty.manage', 'duty.evaluate', 'presidium_meeting.read', 'presidium_meeting.manage', 'presidium_meeting.record', 'county_task.report', 'article.read', 'article.write', 'report.read', 'report.manage', 'disclosure.read', 'disclosure.manage', 'rule_of_law.manage', 'election.read', 'election.manage', 'election.roll', 'election.tally', 'election.document'],
  presidium: ['audit.read', 'duty.read', 'session.read', 'session.preside', 'suggestion.read', 'suggestion.supervise', 'duty.evaluate', 'presidium_meeting.read', 'presidium_meeting.record', 'article.read', 'article.publish', 'report.read', 'disclosure.read', 'election.read', 'election.manage', 'election.tally', 'election.document'],
  deputy: ['session.read', 'session.checkin', 'motion.submit', 'suggestion.submit', 'duty.log'],
  unit_handler: ['suggestion.handle', 'disclosure.unit'],
  village_clerk: ['disclosure.village', 'election.read', 'election.roll', 'election.tally', 'election.document'],
} as const satisfies Record<Role, readonly Ability[]>;

/** Whether the actor's role carries `ability`. */
export function can(actor: Actor, ability: Ability): boolean {
  return (ROLE_ABILITIES[actor.role] as readonly Ability[]).includes(ability);
}

/** Throws FORBIDDEN unless the actor's role carries `ability`. */
export function authorize(actor: Actor, ability: Ability): void {
  if (!can(actor, ability)) throw new AppError('FORBIDDEN');
}

/** The abilities the web app uses to show or hide actions. */
export function presentAbilities(actor: Actor): Record<Ability, boolean> {
  return Object.fromEntries(ABILITIES.map((a) => [a, can(actor, a)])) as Record<Ability, boolean>;
}
