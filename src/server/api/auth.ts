import { z } from 'zod';
import { orgLevels } from '../../core/orgs/organization.ts';
import { roles } from '../../core/access/roles.ts';

export const LoginBody = z
  .object({
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(200),
  })
  .strict()
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

/** The signed-in user, as the web app needs them. */
export const CurrentUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    roleLabel: z.string(),
    scope: z.object({
      level: z.enum([...orgLevels, 'assigned']),
      orgCode: z.string().nullable(),
      orgName: z.string().nullable(),
    }),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof CurrentUser>;

export const SessionResponse = z.object({ user: CurrentUser.nullable() }).meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;
