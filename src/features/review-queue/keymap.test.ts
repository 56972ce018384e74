import { describe, expect, it } from 'vitest';
import { actionFor, bindingOf, DEFAULT_KEYMAP, formatBinding, rebind } from './keymap';

const press = (key: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('key matching', () => {
  it('tells R from Shift+R', () => {
    expect(actionFor(DEFAULT_KEYMAP, press('r'))).toBe('regenerate');
    expect(actionFor(DEFAULT_KEYMAP, press('R', { shiftKey: true }))).toBe('resynthesize');
  });

  it('matches ? whatever Shift the layout needs for it', () => {
    expect(actionFor(DEFAULT_KEYMAP, press('?', { shiftKey: true }))).toBe('help');
    expect(bindingOf(press('?', { shiftKey: true }))).toBe('?');
  });

  it('leaves browser shortcuts alone: Ctrl+R is not regenerate', () => {
    expect(actionFor(DEFAULT_KEYMAP, press('r', { ctrlKey: true }))).toBeNull();
    expect(actionFor(DEFAULT_KEYMAP, press('r', { metaKey: true }))).toBeNull();
  });

  it('ignores bare modifiers and matches arrows and digits', () => {
    expect(bindingOf(press('Shift', { shiftKey: true }))).toBeNull();
    expect(actionFor(DEFAULT_KEYMAP, press('ArrowDown'))).toBe('next');
    expect(actionFor(DEFAULT_KEYMAP, press('K', { shiftKey: false }))).toBe('previous'); // caps lock
    expect(actionFor(DEFAULT_KEYMAP, press('3'))).toBe('focusSide');
  });
});

describe('rebind', () => {
  it('replaces the primary key and keeps the secondary ones', () => {
    const map = rebind(DEFAULT_KEYMAP, 'next', 'n');
    expect(map.next).toEqual(['n', 'arrowright', 'arrowdown']);
  });

  it('takes the key away from the action that had it', () => {
    const map = rebind(DEFAULT_KEYMAP, 'approve', 'd');
    expect(map.approve).toEqual(['d']);
    expect(map.delete).toEqual([]);
    expect(actionFor(map, press('d'))).toBe('approve');
  });

  it('is a no-op when the key is already the primary', () => {
    expect(rebind(DEFAULT_KEYMAP, 'next', 'j').next).toEqual(DEFAULT_KEYMAP.next);
  });
});

it('formats bindings for people', () => {
  expect(formatBinding('shift+r')).toBe('Shift+R');
  expect(formatBinding('arrowdown')).toBe('↓');
  expect(formatBinding('?')).toBe('?');
});
