import type { Role, ScopeLevel } from '../core/access/roles.ts';
import type { Db } from './db/client.ts';

/** The signed-in user, as services see them. */
export interface AuthUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  scope: { level: ScopeLevel; orgId: number | null; orgCode: string | null; orgName: string | null };
}

/** What a service needs to know about the request it serves: the database, who asks, and from where. */
export interface RequestContext {
  db: Db;
  user: AuthUser | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  now: Date;
  /**
   * The data version as the request began (db/data-version.ts), read at most once per request (with the session when
   * signed in). Absent outside HTTP: read it from the database.
   */
  dataVersion?: () => Promise<string>;
  /** Called when an audit entry has been written for this request. */
  markAudited?: () => void;
}

/** A context for work started outside HTTP (the CLI), acting as the system. */
export function systemContext(db: Db, now = new Date()): RequestContext {
  return { db, user: null, ip: null, userAgent: 'ssos-cli', requestId: null, now };
}
