import { z } from 'zod';
import { pdContentAreas, pdKinds } from '../../core/assistance/vocabulary.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

export const OfferingBody = z
  .object({
    title: shortText(200),
    kind: z.enum(pdKinds),
    contentArea: z.enum(pdContentAreas),
    description: z.string().trim().max(4000).default(''),
  })
  .strict();
export type OfferingBody = z.infer<typeof OfferingBody>;

export const PdSession = z
  .object({
    id: z.number().int(),
    offeringId: z.number().int(),
    startsOn: z.string(),
    location: z.string(),
    capacity: z.number().int(),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
  })
  .meta({ id: 'PdSession' });
export type PdSession = z.infer<typeof PdSession>;

export const Offering = z
  .object({
    id: z.number().int(),
    title: z.string(),
    kind: z.enum(pdKinds),
    contentArea: z.enum(pdContentAreas),
    contentAreaLabel: z.string(),
    description: z.string(),
    sessions: z.array(PdSession),
  })
  .meta({ id: 'PdOffering' });
export type Offering = z.infer<typeof Offering>;

export const OfferingList = z.object({ items: z.array(Offering) }).meta({ id: 'PdOfferingList' });
export type OfferingList = z.infer<typeof OfferingList>;

export const SessionBody = z
  .object({ startsOn: IsoDate, location: shortText(200), capacity: z.number().int().min(1).max(10000) })
  .strict();
export type SessionBody = z.infer<typeof SessionBody>;

export const CapacityBody = z.object({ capacity: z.number().int().min(1).max(10000) }).strict();

export const RegistrationBody = z
  .object({
    name: shortText(200),
    email: z.string().trim().toLowerCase().email().max(200),
    role: shortText(200).describe('e.g. Principal, Math coach'),
    orgCode: z.string().trim().min(1).max(40).describe('The school or district the participant works for'),
  })
  .strict();
export type RegistrationBody = z.infer<typeof RegistrationBody>;

export const Registration = z
  .object({
    id: z.number().int(),
    sessionId: z.number().int(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    org: OrgRef,
    status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    position: z.number().int().nullable().describe('Place on the waitlist (1 = next); null unless waitlisted'),
  })
  .meta({ id: 'PdRegistration' });
export type Registration = z.infer<typeof Registration>;

export const RegistrationOutcome = z
  .object({
    registration: Registration,
    alreadyRegistered: z.boolean(),
    promoted: z.array(Registration).describe('Registrations moved from the waitlist to confirmed by this change'),
  })
  .meta({ id: 'PdRegistrationOutcome' });
export type RegistrationOutcome = z.infer<typeof RegistrationOutcome>;

export const RegistrationList = z
  .object({ session: PdSession, items: z.array(Registration) })
  .meta({ id: 'PdRegistrationList' });
export type RegistrationList = z.infer<typeof RegistrationList>;
