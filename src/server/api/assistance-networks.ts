import { z } from 'zod';
import { networkKinds } from '../../core/assistance/vocabulary.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

const Id = z.coerce.number().int().min(1).max(2_147_483_647);
const OrgCode = z.string().trim().min(1).max(40);

/** Path parameters of a network's member. */
export const MemberParams = z.object({ id: Id, memberId: Id }).strict();
/** Path parameters of a network's meeting. */
export const MeetingParams = z.object({ id: Id, meetingId: Id }).strict();

export const NetworkBody = z
  .object({
    name: shortText(200),
    kind: z.enum(networkKinds),
    description: z.string().trim().max(4000).default(''),
    regionCode: OrgCode.nullable().describe('The region it belongs to; null for a statewide network'),
    active: z.boolean().default(true),
  })
  .strict();
export type NetworkBody = z.infer<typeof NetworkBody>;

export const Network = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(networkKinds),
    kindLabel: z.string(),
    description: z.string(),
    region: OrgRef.nullable().describe('Null: statewide'),
    active: z.boolean(),
    memberCount: z.number().int().describe('Active members'),
    lastMeetingOn: z.string().nullable().describe('The latest meeting on or before today'),
    nextMeetingOn: z.string().nullable().describe('The first meeting after today'),
    canManage: z.boolean().describe('You may change it, its members and its meetings'),
  })
  .meta({ id: 'AssistanceNetwork' });
export type Network = z.infer<typeof Network>;

export const NetworkList = z.object({ items: z.array(Network) }).meta({ id: 'AssistanceNetworkList' });
export type NetworkList = z.infer<typeof NetworkList>;

export const MemberBody = z
  .object({
    userId: Id.optional().describe('A user of ssos; their name and email are taken from the account'),
    name: shortText(200).optional().describe('A named person without an account (ignored with userId)'),
    email: z.string().trim().toLowerCase().email().max(200).nullable().optional(),
    orgCode: OrgCode.describe('The school, district or other organization the member represents'),
    role: shortText(200).describe('e.g. Superintendent, Principal, Math coach'),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((m) => m.userId !== undefined || m.name !== undefined, {
    message: 'name a user (userId) or a person (name)',
    path: ['name'],
  });
export type MemberBody = z.infer<typeof MemberBody>;

export const Member = z.object({
  id: z.number().int(),
  user: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  name: z.string(),
  email: z.string().nullable(),
  org: OrgRef,
  role: z.string(),
  active: z.boolean(),
  meetingsAttended: z.number().int(),
});

export const MeetingBody = z
  .object({
    heldOn: IsoDate,
    topic: shortText(200),
    agenda: z.string().trim().max(8000).default(''),
    notes: z.string().trim().max(8000).default(''),
    attendedMemberIds: z
      .array(Id)
      .max(1000)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'each member at most once')
      .describe('Members who attended (the others were absent); only once the meeting has taken place'),
  })
  .strict();
export type MeetingBody = z.infer<typeof MeetingBody>;

export const Meeting = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  topic: z.string(),
  agenda: z.string(),
  notes: z.string(),
  attendedMemberIds: z.array(z.number().int()),
});

export const NetworkDetail = Network.extend({
  members: z.array(Member),
  meetings: z.array(Meeting).describe('Latest first'),
}).meta({ id: 'AssistanceNetworkDetail' });
export type NetworkDetail = z.infer<typeof NetworkDetail>;
