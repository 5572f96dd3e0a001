import { describe, expect, it } from 'vitest';
import { cancel, changeCapacity, register, waitlistPosition, type Registration } from './waitlist.ts';

/** Registers people in order on a session of the given capacity. */
function fill(capacity: number, people: string[]): Registration[] {
  let list: Registration[] = [];
  people.forEach((p, i) => {
    list = register(list, capacity, p, i + 1).registrations;
  });
  return list;
}

describe('registration with a waitlist', () => {
  it('confirms up to capacity and waitlists the rest in order', () => {
    let list = fill(2, ['ana', 'ben']);
    const third = register(list, 2, 'cy', 3);
    expect(third).toMatchObject({ status: 'waitlisted', position: 1, changed: true });
    list = third.registrations;
    const fourth = register(list, 2, 'dee', 4);
    expect(fourth).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(fourth.registrations.map((r) => [r.person, r.status])).toEqual([
      ['ana', 'confirmed'],
      ['ben', 'confirmed'],
      ['cy', 'waitlisted'],
      ['dee', 'waitlisted'],
    ]);
  });

  it('promotes the first waitlisted automatically when a confirmed participant cancels', () => {
    const list = fill(2, ['ana', 'ben', 'cy', 'dee']);
    const out = cancel(list, 2, 'ben');
    expect(out.promoted).toEqual(['cy']);
    expect(out.registrations.find((r) => r.person === 'cy')?.status).toBe('confirmed');
    expect(out.registrations.find((r) => r.person === 'ben')?.status).toBe('cancelled');
    expect(waitlistPosition(out.registrations, 'dee')).toBe(1);
  });

  it('promotes no one when a waitlisted person cancels, and moves the others up', () => {
    const out = cancel(fill(1, ['ana', 'ben', 'cy']), 1, 'ben');
    expect(out.promoted).toEqual([]);
    expect(waitlistPosition(out.registrations, 'cy')).toBe(1);
  });

  it('is idempotent: registering again keeps the same status and place', () => {
    const list = fill(1, ['ana', 'ben']);
    expect(register(list, 1, 'ana', 9)).toMatchObject({ status: 'confirmed', position: null, changed: false });
    const again = register(list, 1, 'ben', 9);
    expect(again).toMatchObject({ status: 'waitlisted', position: 1, changed: false });
    expect(again.registrations).toEqual(list);
    expect(cancel(list, 1, 'nobody').changed).toBe(false);
  });

  it('puts a person who cancelled and registers again at the end of the line', () => {
    let list = fill(1, ['ana', 'ben', 'cy']);
    list = cancel(list, 1, 'ben').registrations;
    const back = register(list, 1, 'ben', 4);
    expect(back).toMatchObject({ status: 'waitlisted', position: 2 });
  });

  it('promotes from the waitlist when capacity grows, and never unconfirms when it shrinks', () => {
    const list = fill(1, ['ana', 'ben', 'cy']);
    const grown = changeCapacity(list, 2);
    expect(grown.promoted).toEqual(['ben']);
    const shrunk = changeCapacity(grown.registrations, 1);
    expect(shrunk.promoted).toEqual([]);
    expect(shrunk.registrations.filter((r) => r.status === 'confirmed').map((r) => r.person)).toEqual(['ana', 'ben']);
    // Over capacity now: a new registration waits behind cy.
    expect(register(shrunk.registrations, 1, 'dee', 5).position).toBe(2);
  });
});
