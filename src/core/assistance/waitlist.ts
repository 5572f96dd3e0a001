/**
 * Registration for a professional development session with a waitlist: registrations are confirmed up to the
 * session's capacity, later ones wait in order; when a confirmed participant cancels (or capacity grows), the first
 * on the waitlist is promoted automatically. Pure: the caller stores the registrations and passes them back in.
 */

/** The state of one registration. */
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** One person's registration; `sequence` orders the waitlist (first come, first served). */
export interface Registration {
  person: string;
  status: RegistrationStatus;
  sequence: number;
}

/** What a registration attempt came to. */
export interface RegisterOutcome {
  registrations: Registration[];
  status: 'confirmed' | 'waitlisted';
  /** 1-based place on the waitlist, or null when confirmed. */
  position: number | null;
  /** False when the person was registered already (registering again changes nothing). */
  changed: boolean;
}

/** What a cancellation came to: who was promoted from the waitlist, if anyone. */
export interface CancelOutcome {
  registrations: Registration[];
  promoted: string[];
  /** False when the person had no active registration. */
  changed: boolean;
}

const active = (r: Registration) => r.status !== 'cancelled';

/** The place (1-based) of a person on the waitlist, or null when they are not waiting. */
export function waitlistPosition(registrations: readonly Registration[], person: string): number | null {
  const waiting = registrations.filter((r) => r.status === 'waitlisted').sort((a, b) => a.sequence - b.sequence);
  const i = waiting.findIndex((r) => r.person === person);
  return i < 0 ? null : i + 1;
}

/** Confirms the first waitlisted registrations while there are free places; returns who was promoted. */
function promote(registrations: Registration[], capacity: number): string[] {
  const promoted: string[] = [];
  let confirmed = registrations.filter((r) => r.status === 'confirmed').length;
  const waiting = registrations.filter((r) => r.status === 'waitlisted').sort((a, b) => a.sequence - b.sequence);
  for (const r of waiting) {
    if (confirmed >= capacity) break;
    r.status = 'confirmed';
    confirmed++;
    promoted.push(r.person);
  }
  return promoted;
}

/**
 * Registers a person: confirmed while places are free, else waitlisted at the end. Registering again while
 * registered (confirmed or waiting) is idempotent; after a cancellation it is a new registration at the end.
 */
export function register(
  registrations: readonly Registration[],
  capacity: number,
  person: string,
  sequence: number,
): RegisterOutcome {
  const list = registrations.map((r) => ({ ...r }));
  const existing = list.find((r) => r.person === person && active(r));
  if (existing) {
    const position = existing.status === 'waitlisted' ? waitlistPosition(list, person) : null;
    return { registrations: list, status: existing.status as 'confirmed' | 'waitlisted', position, changed: false };
  }
  const confirmed = list.filter((r) => r.status === 'confirmed').length;
  // Someone already waiting keeps their place: a new registration may not jump the queue even if a place is free.
  const waiting = list.some((r) => r.status === 'waitlisted');
  const status: 'confirmed' | 'waitlisted' = confirmed < capacity && !waiting ? 'confirmed' : 'waitlisted';
  const others = list.filter((r) => r.person !== person);
  const next = [...others, { person, status, sequence }];
  return {
    registrations: next,
    status,
    position: status === 'waitlisted' ? waitlistPosition(next, person) : null,
    changed: true,
  };
}

/** Cancels a person's registration and promotes the first waitlisted into any place that frees up. */
export function cancel(registrations: readonly Registration[], capacity: number, person: string): CancelOutcome {
  const list = registrations.map((r) => ({ ...r }));
  const existing = list.find((r) => r.person === person && active(r));
  if (!existing) return { registrations: list, promoted: [], changed: false };
  existing.status = 'cancelled';
  return { registrations: list, promoted: promote(list, capacity), changed: true };
}

/** Changes a session's capacity: a larger one promotes from the waitlist; a smaller one never unconfirms anyone. */
export function changeCapacity(registrations: readonly Registration[], capacity: number): CancelOutcome {
  const list = registrations.map((r) => ({ ...r }));
  const promoted = promote(list, capacity);
  return { registrations: list, promoted, changed: promoted.length > 0 };
}
