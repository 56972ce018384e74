/**
 * The review queue's keyboard actions and how a key press matches a binding. A binding is a
 * normalised string: modifiers in a fixed order, then the key, e.g. `a`, `shift+r`, `?`,
 * `arrowdown`. Pure: no DOM beyond the fields of a KeyboardEvent it reads. What each action is
 * called is in `messages.keyAction`.
 */
import { messages } from './messages';

export const KEY_ACTIONS = [
  'approve',
  'regenerate',
  'resynthesize',
  'delete',
  'focusPortrait',
  'focusFront',
  'focusSide',
  'focusBack',
  'zoom',
  'compare',
  'next',
  'previous',
  'undo',
  'help',
] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];
export type KeyMap = Record<KeyAction, string[]>;

export const DEFAULT_KEYMAP: KeyMap = {
  approve: ['a'],
  regenerate: ['r'],
  resynthesize: ['shift+r'],
  delete: ['d'],
  focusPortrait: ['1'],
  focusFront: ['2'],
  focusSide: ['3'],
  focusBack: ['4'],
  zoom: ['z'],
  compare: ['c'],
  next: ['j', 'arrowright', 'arrowdown'],
  previous: ['k', 'arrowleft', 'arrowup'],
  undo: ['u'],
  help: ['?'],
};

export type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>;

const MODIFIER_KEYS = new Set(['shift', 'control', 'alt', 'meta', 'capslock', 'dead', 'unidentified']);

/**
 * The binding a key press stands for, or null for a bare modifier. Shift is kept for letters and
 * named keys (Shift+R differs from R) but dropped for symbols, where it is already in the
 * character (`?` is Shift+/ on most layouts).
 */
export function bindingOf(event: KeyLike): string | null {
  const key = event.key.toLowerCase();
  if (MODIFIER_KEYS.has(key)) return null;
  const name = key === ' ' ? 'space' : key;
  const symbol = event.key.length === 1 && !/[a-z]/i.test(event.key);
  const parts = [
    event.ctrlKey && 'ctrl',
    event.altKey && 'alt',
    event.metaKey && 'meta',
    event.shiftKey && !symbol && 'shift',
    name,
  ].filter((part): part is string => Boolean(part));
  return parts.join('+');
}

/** Whether a key press is one of these bindings (a dialog closing on its action's keys, as mapped now). */
export function isBoundTo(bindings: readonly string[], event: KeyLike): boolean {
  const binding = bindingOf(event);
  return binding !== null && bindings.includes(binding);
}

export function actionFor(map: KeyMap, event: KeyLike): KeyAction | null {
  const binding = bindingOf(event);
  if (!binding) return null;
  return KEY_ACTIONS.find((action) => map[action].includes(binding)) ?? null;
}

/**
 * Make `binding` the action's primary key. Any other action that used it loses it (one key,
 * one action); the action's secondary keys stay.
 */
export function rebind(map: KeyMap, action: KeyAction, binding: string): KeyMap {
  const next = {} as KeyMap;
  for (const each of KEY_ACTIONS) next[each] = map[each].filter((key) => key !== binding);
  next[action] = [binding, ...next[action].slice(map[action][0] === binding ? 0 : 1)];
  return next;
}

const ARROWS: Record<string, string> = { arrowright: '→', arrowleft: '←', arrowup: '↑', arrowdown: '↓' };

/** For people: `shift+r` → `Shift+R`, `arrowdown` → `↓`. */
export function formatBinding(binding: string): string {
  const named: Readonly<Partial<Record<string, string>>> = messages.keyName;
  return binding
    .split('+')
    .map((part) => ARROWS[part] ?? named[part] ?? (part.length === 1 ? part.toUpperCase() : part[0]?.toUpperCase() + part.slice(1)))
    .join('+');
}

/** Keys must not fire while someone types into a field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type);
  return false;
}
