import { describe, expect, it } from 'vitest';
import type { Character } from '../../../contract/aurous';
import type { PoseHistory } from '../../../contract/pose-history';
import { oldAndNew, versionsOfPose } from '../../lib/aurous/pose-versions';
import { stepZoom } from './compare-pair';

const character = (patch: Partial<Character> = {}): Character => ({
  id: 'char_1',
  object: 'character',
  name: 'Rowan',
  status: 'reviewing',
  refs: [
    { pose: 'front', url: 'https://img.test/front-v3.png' },
    { pose: 'side', url: 'https://img.test/side.png' },
  ],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:05:00.000Z',
  attributes: {},
  error_message: null,
  aurous_version: '2026-05-15',
  ...patch,
});
const version = (pose: 'front' | 'side', n: number, patch: Partial<PoseHistory['versions'][number]> = {}) => ({
  pose,
  version: n,
  created_at: '2026-01-01T00:00:00.000Z',
  current: false,
  replaced_by: 'regenerate' as const,
  replaced_at: '2026-01-01T00:01:00.000Z',
  approved_at: null,
  approved_by: null,
  thumbnail_url: `/kept/${pose}/${n}/thumb`,
  image_url: `/kept/${pose}/${n}/full`,
  ...patch,
});
const history: PoseHistory = {
  object: 'pose_history',
  character_id: 'char_1',
  versions: [
    version('front', 1),
    version('front', 2, { thumbnail_url: null, image_url: null }),
    version('front', 3, { current: true, replaced_by: null, replaced_at: null, thumbnail_url: null, image_url: null }),
  ],
};

describe('the compare pair: old and new of one pose', () => {
  it('puts the latest kept earlier version of the focused pose beside its current image, never another pose', () => {
    const pair = oldAndNew(versionsOfPose(history, character(), 'front'));
    expect(pair?.map((each) => [each.pose, each.version, each.imageUrl])).toEqual([
      ['front', 1, '/kept/front/1/full'],
      ['front', 3, 'https://img.test/front-v3.png'],
    ]);
  });
  it('has nothing to compare for a pose never replaced, or while the new version is still being made', () => {
    expect(oldAndNew(versionsOfPose(history, character(), 'side'))).toBeNull();
    expect(versionsOfPose(history, character(), 'side').map((each) => [each.version, each.current])).toEqual([[1, true]]);
    const making = versionsOfPose(history, character({ status: 'synthesizing' }), 'front');
    expect(making.at(-1)).toMatchObject({ version: 3, current: true, pending: true, imageUrl: null });
    expect(oldAndNew(making)).toBeNull();
  });
  it('says which version a save approved', () => {
    const approved: PoseHistory = {
      ...history,
      versions: history.versions.map((each) => (each.current ? { ...each, approved_at: '2026-01-01T00:06:00.000Z' } : each)),
    };
    expect(versionsOfPose(approved, character({ status: 'ready' }), 'front').map((each) => each.approved)).toEqual([false, false, true]);
  });
});

it('steps the shared zoom between fit, 1:1 and 2:1, stopping at the ends', () => {
  expect(stepZoom('fit', 1)).toBe(1);
  expect(stepZoom(1, 1)).toBe(2);
  expect(stepZoom(2, 1)).toBe(2);
  expect(stepZoom('fit', -1)).toBe('fit');
});
