import type { Kysely } from 'kysely';
import type { Actor } from '../../src/server/auth/actor.js';
import type { DB } from '../../src/server/db/schema.js';
import { createActivity, type ActivityInput } from '../../src/server/modules/duty/activities.service.js';
import { createOpinion } from '../../src/server/modules/duty/opinions.service.js';
import type { TownshipRow } from '../../src/server/modules/townships/townships.repository.js';
import type { App } from '../../src/server/http/types.js';
import { buildTownship, buildUser, type BuiltUser } from './factories.js';
import { actorOf, buildDeputyWithLogin, type DeputyWithLogin } from './suggestion-factories.js';

/** A township with the people duty work meets: office, presidium, two deputies with logins, villages. */
export interface DutyWorld {
  township: TownshipRow;
  office: BuiltUser;
  officeActor: Actor;
  presidium: BuiltUser;
  deputy: DeputyWithLogin;
  other: DeputyWithLogin;
  villageIds: string[];
}

export async function buildDutyWorld(db: Kysely<DB>): Promise<DutyWorld> {
  const township = await buildTownship(db, { villages: 3 });
  const office = await buildUser(db, township.id, 'office');
  const presidium = await buildUser(db, township.id, 'presidium');
  const villages = await db.selectFrom('villages').select('id').where('township_id', '=', township.id).orderBy('sort_order').execute();
  return {
    township, office, officeActor: { ...actorOf(office), displayName: '人大办' }, presidium,
    deputy: await buildDeputyWithLogin(db, township.id), other: await buildDeputyWithLogin(db, township.id),
    villageIds: villages.map((v) => v.id),
  };
}

/** An activity recorded by the office (a voter visit by the world's deputy unless overridden). */
export async function buildActivity(db: Kysely<DB>, w: DutyWorld, o: Partial<ActivityInput> = {}): Promise<string> {
  return createActivity(db, w.officeActor, w.township.id, {
    kind: 'voter_contact', heldOn: '2026-05-12', place: '测试1村委会', deputyIds: [w.deputy.deputy.id], votersContacted: 12, ...o,
  });
}

/** An opinion entered by the office, addressed to the world's deputy. */
export async function buildOpinion(db: Kysely<DB>, w: DutyWorld, content: string, o: { residentPhone?: string; residentName?: string; receivedOn?: string } = {}): Promise<string> {
  return createOpinion(db, w.officeActor, w.township.id, { content, deputyId: w.deputy.deputy.id, villageId: w.villageIds[0]!, receivedOn: o.receivedOn ?? '2026-05-12', ...o });
}

/** Three opinions about the same road, and one about something else. */
export const SIMILAR_ROAD = [
  '村里到镇上的道路坑洼不平，下雨天泥泞难走，希望尽快硬化道路',
  '通往镇上的道路下雨泥泞，坑洼多，建议硬化村道',
  '村道坑洼不平，雨天泥泞，群众出行难，请求硬化道路',
];
export const UNRELATED = '村卫生室药品不全，老人看病要跑到镇上';

/** Answers the public form's arithmetic check from its question text. */
export async function answerChallenge(app: App, publicCode: string, ip = '10.0.0.1'): Promise<{ challengeToken: string; challengeAnswer: number }> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/public/deputies/${publicCode}/challenge`, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`challenge ${res.statusCode} ${res.body}`);
  const { token, question } = res.json() as { token: string; question: string };
  const [a, b] = question.match(/\d+/g)!.map(Number);
  return { challengeToken: token, challengeAnswer: a! + b! };
}
