import { describe, expect, it } from 'vitest';
import type { CharacterStatus } from '../../../contract/constants';
import { canDelete, canSave, canSynthesize, deleteConsequence } from './character-rules';

const described = (status: CharacterStatus) => ({ status, attributes: { hair_color: 'black' } });

describe('which actions each status allows', () => {
  it('saves only a reviewing character, and says why not otherwise', () => {
    expect(canSave(described('reviewing'))).toEqual({ enabled: true, reason: null });
    expect(canSave(described('ready')).reason).toBe('Already saved.');
    expect(canSave(described('synthesizing')).reason).toBe('Wait for synthesis to finish.');
    expect(canSave(described('failed')).reason).toMatch(/resynthesize it first/);
  });
  it('regenerates and resynthesizes from reviewing, ready and failed — with a description', () => {
    for (const status of ['reviewing', 'ready', 'failed'] as const) expect(canSynthesize(described(status)).enabled).toBe(true);
    expect(canSynthesize(described('synthesizing')).enabled).toBe(false);
    expect(canSynthesize({ status: 'ready', attributes: null }).reason).toMatch(/Add a description/);
    expect(canSynthesize({ status: 'ready', attributes: {} }).enabled).toBe(false);
  });
  it('deletes anything not deleted, and warns that a reviewing character is gone for good', () => {
    expect(canDelete(described('synthesizing')).enabled).toBe(true);
    expect(canDelete(described('deleted')).enabled).toBe(false);
    expect(deleteConsequence(described('reviewing'))).toMatch(/for good/);
    expect(deleteConsequence(described('ready'))).not.toMatch(/for good/);
  });
});
