import { describe, expect, it } from '@jest/globals';
import { canonicalJson, sha256Hex } from '../../common/canonical-json.js';
import { LEGACY_AUDIT_CHAIN } from '../../../test/support/legacy-audit-chain.js';
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS } from './audit-actions.js';
import { chainHash, contentOf, GENESIS_HASH } from './audit.service.js';

describe('audit actions', () => {
  it.each(AUDIT_ACTIONS)('%s is <singular resource>.<event in the past tense>', (action) => {
    const [resource, event, ...rest] = action.split('.');
    expect(rest).toEqual([]);
    expect(resource).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
    expect(resource).not.toMatch(/s$/);
    expect(event).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
    // Some word of the event is a past participle: created, login_failed, logged_in, employer_set, withdrawn.
    expect(
      event!.split('_').some((word) => /ed$/.test(word) || ['set', 'reset', 'withdrawn'].includes(word)),
    ).toBe(true);
  });

  it('keeps the legacy spellings as they are, and adds none', () => {
    expect(LEGACY_AUDIT_ACTIONS).toEqual([
      'assignments.auto',
      'assignments.defaulted',
      'categories.created',
      'categories.deleted',
      'categories.updated',
      'conflict.awaiting_decision',
      'conflicts.confirmed',
      'criteria.created',
      'criteria.deleted',
      'criteria.updated',
      'editions.created',
      'editions.phase_changed',
      'editions.updated',
      'nominations.status_changed',
      'notifications.resubscribed',
      'notifications.unsubscribed',
      'rounds.advanced',
      'rounds.closed',
      'rounds.shortlist_announced',
      'rounds.updated',
      'users.organiser_created',
      'users.updated',
    ]);
    const both = AUDIT_ACTIONS.filter((a) => (LEGACY_AUDIT_ACTIONS as readonly string[]).includes(a));
    expect(both).toEqual([]);
  });

  it('still verifies a chain written before, legacy spellings included', () => {
    let prev = GENESIS_HASH;
    for (const entry of LEGACY_AUDIT_CHAIN) {
      const content = contentOf({ ...entry, occurredAt: new Date(entry.occurredAt) });
      expect(sha256Hex(canonicalJson(content))).toBe(entry.contentHash);
      expect(entry.prevHash).toBe(prev);
      expect(chainHash(entry.seq, prev, entry.contentHash)).toBe(entry.hash);
      prev = entry.hash;
    }
    const actions: readonly string[] = [...AUDIT_ACTIONS, ...LEGACY_AUDIT_ACTIONS];
    expect(LEGACY_AUDIT_CHAIN.filter((e) => !actions.includes(e.action))).toEqual([]);
  });
});
