import type { Kysely } from 'kysely';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { systemActor } from '../../src/server/auth/actor.js';
import type { DB, DeputyLevel, Gender } from '../../src/server/db/schema.js';
import type { DeputyRow } from '../../src/server/modules/deputies/deputies.repository.js';
import type { DeputyInput } from '../../src/server/modules/deputies/deputies.rules.js';
import { createDeputy } from '../../src/server/modules/deputies/deputies.service.js';

let seq = 0;

/** A valid deputy input; the id number agrees with birth date and gender. */
export function deputyInput(overrides: Partial<DeputyInput> = {}): DeputyInput {
  seq = (seq + 1) % 900;
  const gender: Gender = overrides.gender ?? (seq % 2 ? 'male' : 'female');
  const birthDate = overrides.birthDate ?? `19${70 + (seq % 25)}-0${1 + (seq % 9)}-1${seq % 9}`;
  return {
    level: 'township' as DeputyLevel,
    termNumber: 14,
    name: `代表${seq}`,
    gender,
    ethnicity: '汉族',
    birthDate,
    idNumber: generateResidentId('888888', birthDate, seq, gender),
    party: '群众',
    education: '高中',
    occupation: '农民',
    mandateStart: '2021-12-30',
    ...overrides,
  };
}

export async function buildDeputy(db: Kysely<DB>, townshipId: string, overrides: Partial<DeputyInput> = {}): Promise<DeputyRow> {
  return createDeputy(db, { ...systemActor('test'), townshipId }, townshipId, deputyInput(overrides));
}
