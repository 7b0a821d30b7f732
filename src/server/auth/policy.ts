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
] as const;
export type Ability = (typeof ABILITIES)[number];

export const ROLE_ABILITIES = {
  county_admin: ['audit.read', 'duty.read', 'session.read', 'suggestion.read', 'presidium_meeting.read'],
  office: ['township.update', 'village.manage', 'unit.manage', 'user.manage', 'audit.read', 'deputy.manage', 'personal.reveal', 'duty.read', 'session.read', 'session.manage', 'session.preside', 'motion.submit', 'suggestion.read', 'suggestion.submit', 'suggestion.manage', 'suggestion.supervise', 'duty.manage', 'duty.evaluate', 'presidium_meeting.read', 'presidium_meeting.manage', 'presidium_meeting.record'],
  presidium: ['audit.read', 'duty.read', 'session.read', 'session.preside', 'suggestion.read', 'suggestion.supervise', 'duty.evaluate', 'presidium_meeting.read', 'presidium_meeting.record'],
  deputy: ['session.read', 'session.checkin', 'motion.submit', 'suggestion.submit', 'duty.log'],
  unit_handler: ['suggestion.handle'],
  village_clerk: [],
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
