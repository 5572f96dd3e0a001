import { z } from 'zod';
import { roles } from '../../core/access/roles.ts';
import { shortText } from './common.ts';
import { CurrentUser } from './auth.ts';

/** A user account as administrators and scoped leaders see it (person-level: every read is audited). */
export const UserSummary = CurrentUser.extend({
  active: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
}).meta({ id: 'UserSummary' });
export type UserSummary = z.infer<typeof UserSummary>;

export const UserList = z.object({ items: z.array(UserSummary) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;

export const CreateUserBody = z
  .object({
    email: z.email().max(254),
    displayName: shortText(120),
    role: z.enum(roles),
    scopeCode: z.string().trim().max(40).nullable().describe('Organization the user acts for; null for vendors'),
    password: z.string().min(12, 'must be at least 12 characters').max(200),
  })
  .strict()
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.infer<typeof CreateUserBody>;
