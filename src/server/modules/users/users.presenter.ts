import { z } from 'zod';
import type { UserRow } from './users.repository.js';

export const ROLES = ['county_admin', 'office', 'presidium', 'deputy', 'unit_handler', 'village_clerk'] as const;
export const ZRole = z.enum(ROLES);

export const ZUser = z.object({
  id: z.string(),
  townshipId: z.string().nullable(),
  countyCode: z.string().nullable(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  unitId: z.string().nullable(),
  villageId: z.string().nullable(),
  /** Where notices are also mailed (SMTP configured); null: in-app only. */
  email: z.string().nullable(),
  mustChangePassword: z.boolean(),
  isActive: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export function presentUser(u: UserRow): TUser {
  return {
    id: u.id,
    townshipId: u.township_id,
    countyCode: u.county_code,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    unitId: u.unit_id,
    villageId: u.village_id,
    email: u.email,
    mustChangePassword: u.must_change_password,
    isActive: u.is_active,
    lockedUntil: u.locked_until && Date.parse(u.locked_until) > Date.now() ? u.locked_until : null,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
  };
}
