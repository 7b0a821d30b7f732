import type { Kysely } from 'kysely';
import { systemActor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { countTownships } from '../townships/townships.repository.js';
import { hashPassword } from '../../auth/passwords.js';
import { createTownshipIn, findPlaceForNewTownship } from '../townships/townships.service.js';
import { assertStrongPassword, createUserIn } from '../users/users.service.js';

/** First run: true while the database holds no township and no account. */
export async function isSetupNeeded(db: Kysely<DB>): Promise<boolean> {
  const users = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return (await countTownships(db)) === 0 && Number(users.n) === 0;
}

/**
 * First-run setup from the browser: creates the township from its NBS code and the first office
 * account. Refused once any township or account exists, so it cannot be replayed later.
 */
export async function runFirstSetup(
  db: Kysely<DB>,
  input: { townshipCode: string; username: string; displayName: string; password: string },
): Promise<{ townshipId: string }> {
  if (!(await isSetupNeeded(db))) throw new AppError('SETUP_ALREADY_DONE');
  const actor = systemActor('first-run setup');
  // Check everything first, then write the township and the account in one transaction:
  // a refused setup leaves the database empty, ready for another try.
  const place = await findPlaceForNewTownship(db, input.townshipCode);
  assertStrongPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const townshipId = await db.transaction().execute(async (trx) => {
    const id = await createTownshipIn(trx, actor, place);
    await createUserIn(trx, actor, {
      townshipId: id, username: input.username, displayName: input.displayName, role: 'office', mustChangePassword: false,
    }, passwordHash);
    return id;
  });
  return { townshipId };
}
