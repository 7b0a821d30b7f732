import type { Role } from '../db/schema.js';

/** Who is acting: the signed-in user, as the services see them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The actor's township; null for a county_admin. */
  townshipId: string | null;
  /** For a county_admin: the 6-digit county code whose townships they see. */
  countyCode: string | null;
  unitId: string | null;
  villageId: string | null;
  ip: string | null;
}

/** The CLI and first-run setup act as the system. */
export function systemActor(name = 'system'): Actor {
  return {
    id: 'system',
    username: name,
    displayName: name,
    role: 'office',
    townshipId: null,
    countyCode: null,
    unitId: null,
    villageId: null,
    ip: null,
  };
}
