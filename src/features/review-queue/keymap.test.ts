import { describe, expect, it } from 'vitest';
import { actionFor, bindingOf, DEFAULT_KEYMAP, formatBinding, isBoundTo, rebind } from './keymap';

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

describe('a dialog closing on its action’s key, as mapped now', () => {
  it('closes zoom and compare on a remapped key, and no longer on the old letter', () => {
    const map = rebind(rebind(DEFAULT_KEYMAP, 'zoom', 'x'), 'compare', 'shift+v');
    expect(isBoundTo(map.zoom, press('x'))).toBe(true);
    expect(isBoundTo(map.zoom, press('z'))).toBe(false);
    expect(isBoundTo(map.compare, press('V', { shiftKey: true }))).toBe(true);
    expect(isBoundTo(map.compare, press('v'))).toBe(false);
    expect(isBoundTo(map.compare, press('c'))).toBe(false);
  });

  it('does not close on the key with Ctrl or Cmd held (a browser shortcut), nor when the action has no key', () => {
    expect(isBoundTo(DEFAULT_KEYMAP.zoom, press('z'))).toBe(true);
    expect(isBoundTo(DEFAULT_KEYMAP.zoom, press('z', { ctrlKey: true }))).toBe(false);
    expect(isBoundTo(DEFAULT_KEYMAP.compare, press('c', { metaKey: true }))).toBe(false);
    expect(isBoundTo([], press('z'))).toBe(false);
  });
});
