import { describe, expect, it } from 'vitest';
import { acceptsProgressUpdates, editRefusal, isEditable, transition } from './workflow.ts';

describe('plan workflow', () => {
  it('allows draft -> submitted -> returned -> submitted -> approved', () => {
    expect(transition('draft', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'return')).toEqual({ ok: true, to: 'returned' });
    expect(transition('returned', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'approve')).toEqual({ ok: true, to: 'approved' });
  });
  it('refuses every other transition with a message saying the status and what to do', () => {
    const refused = [
      ['draft', 'return'],
      ['draft', 'approve'],
      ['submitted', 'submit'],
      ['returned', 'return'],
      ['returned', 'approve'],
      ['approved', 'submit'],
      ['approved', 'return'],
      ['approved', 'approve'],
    ] as const;
    for (const [from, action] of refused) expect(transition(from, action).ok).toBe(false);
    expect(transition('draft', 'approve')).toEqual({
      ok: false,
      message:
        'The plan cannot be approved because it is a draft: the team can edit it and submit it for review. A plan can be approved only when it is submitted.',
    });
    expect(transition('approved', 'submit')).toMatchObject({ message: expect.stringContaining('it is approved') });
  });
  it('lets the team edit drafts and returned plans only', () => {
    expect([isEditable('draft'), isEditable('returned'), isEditable('submitted'), isEditable('approved')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(editRefusal('draft')).toBeNull();
    expect(editRefusal('submitted', 'The goal')).toBe(
      'The goal cannot be changed because it is submitted and under review: wait for the reviewer to return it with comments or approve it.',
    );
  });
  it('takes progress updates on action steps and benchmarks except while under review', () => {
    expect(acceptsProgressUpdates('approved')).toBe(true);
    expect(acceptsProgressUpdates('draft')).toBe(true);
    expect(acceptsProgressUpdates('submitted')).toBe(false);
  });
});
