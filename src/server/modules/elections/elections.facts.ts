import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Fact, FactsProvider } from '../reports/facts.types.js';
import * as repo from './elections.repository.js';
import { summariseVillages } from './elections.service.js';

/**
 * Year facts of village committee elections (村委会换届选举) for the year-end summary: the round
 * whose vote took place in the year, how many villages elected and how many on schedule, the
 * guidance group's leaders, training sessions and attendees, and villages that needed 另行选举.
 */
export const electionsFactsProvider: FactsProvider = {
  key: 'elections',
  title: '村委会换届选举',
  titleEn: 'Village committee elections',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const round = (await repo.roundsOfYear(db, townshipId, year))[0] ?? null;
    const link = round ? `/app/elections/rounds/${round.id}` : '/app/elections';
    const elections = round ? await repo.listElections(db, round.id) : [];
    const villages = round ? await summariseVillages(db, round, elections, `${year}-12-31`) : [];
    const inYear = (day: string | null) => !!day && day.startsWith(`${year}-`);
    const elected = villages.filter((v) => v.election.state === 'done' && inYear(v.election.completed_on));
    const onSchedule = elected.filter((v) => v.isOnSchedule);
    const runoff = villages.filter((v) => v.election.runoff_counted_at !== null || v.election.state === 'runoff_needed');
    const guidance = round ? await repo.listGuidance(db, round.id) : [];
    const leader = guidance.find((g) => g.role === 'leader') ?? null;
    const deputies = guidance.filter((g) => g.role === 'deputy_leader');
    const trainings = round ? await repo.listTrainings(db, round.id) : [];
    const attendees = await repo.listAttendees(db, trainings.map((t) => t.id));
    const ids = (list: { election: { id: string } }[]) => list.map((v) => v.election.id);
    return [
      { key: 'elections.roundName', label: '换届选举名称', labelEn: 'Election round', value: round?.name ?? null, records: { kind: 'election_round', ids: round ? [round.id] : [] }, link },
      { key: 'elections.villagesTotal', label: '参加换届选举的村（居）数', labelEn: 'Villages in the round', value: villages.length, unit: '个', records: { kind: 'village_election', ids: ids(villages) }, link },
      { key: 'elections.villagesElected', label: '完成选举的村（居）数', labelEn: 'Villages elected', value: elected.length, unit: '个', records: { kind: 'village_election', ids: ids(elected) }, link },
      { key: 'elections.villagesElectedOnSchedule', label: '按期完成选举的村（居）数', labelEn: 'Villages elected on schedule', value: onSchedule.length, unit: '个', records: { kind: 'village_election', ids: ids(onSchedule) }, link },
      { key: 'elections.guidanceLeader', label: '选举工作指导组组长', labelEn: 'Guidance group leader', value: leader?.name ?? null, records: { kind: 'election_guidance_member', ids: leader ? [leader.id] : [] }, link },
      {
        key: 'elections.guidanceDeputyLeaders', label: '选举工作指导组副组长', labelEn: 'Guidance group deputy leaders',
        value: deputies.length ? deputies.map((d) => d.name).join('、') : null, records: { kind: 'election_guidance_member', ids: deputies.map((d) => d.id) }, link,
      },
      { key: 'elections.trainingSessions', label: '选举工作人员培训次数', labelEn: 'Training sessions for election staff', value: trainings.length, unit: '次', records: { kind: 'election_training', ids: trainings.map((t) => t.id) }, link },
      { key: 'elections.trainingAttendees', label: '参加培训人次', labelEn: 'Training attendances', value: attendees.length, unit: '人次', records: { kind: 'election_training_attendee', ids: attendees.map((a) => a.id) }, link },
      { key: 'elections.runoffVillages', label: '进行另行选举的村（居）数', labelEn: 'Villages with a further round', value: runoff.length, unit: '个', records: { kind: 'village_election', ids: ids(runoff) }, link },
    ];
  },
};
