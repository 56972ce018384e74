/**
 * The reviewer's keys and preferences: the only review state that survives a reload.
 * `partialize` keeps the actions out of storage; `version` lets a later keymap migrate.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_KEYMAP, KEY_ACTIONS, rebind, type KeyAction, type KeyMap } from '../keymap';
import type { QueueDirection, QueueStatus } from '../queue-order';

interface Preferences {
  keymap: KeyMap;
  direction: QueueDirection;
  status: QueueStatus;
  /** Ask once per session before the first paid action (regenerate, resynthesize). */
  confirmPaid: boolean;
}

interface SettingsState extends Preferences {
  actions: {
    keyRebound: (action: KeyAction, binding: string) => void;
    keysReset: () => void;
    directionChosen: (direction: QueueDirection) => void;
    statusChosen: (status: QueueStatus) => void;
    confirmPaidToggled: (confirmPaid: boolean) => void;
  };
}

const DEFAULTS: Preferences = { keymap: DEFAULT_KEYMAP, direction: 'oldest', status: 'reviewing', confirmPaid: true };

const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      ...DEFAULTS,
      actions: {
        keyRebound: (action, binding) => set((state) => ({ keymap: rebind(state.keymap, action, binding) })),
        keysReset: () => set({ keymap: DEFAULT_KEYMAP }),
        directionChosen: (direction) => set({ direction }),
        statusChosen: (status) => set({ status }),
        confirmPaidToggled: (confirmPaid) => set({ confirmPaid }),
      },
    }),
    {
      name: 'aurous-console/review-settings',
      version: 1,
      partialize: ({ keymap, direction, status, confirmPaid }): Preferences => ({ keymap, direction, status, confirmPaid }),
      // A stored keymap from an older build may lack newer actions: fill them from the defaults.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<Preferences>;
        const keymap = { ...DEFAULT_KEYMAP };
        for (const action of KEY_ACTIONS) if (Array.isArray(stored.keymap?.[action])) keymap[action] = stored.keymap[action];
        return { ...current, ...stored, keymap };
      },
    },
  ),
);

export const useReviewPreferences = () => useSettingsStore((state) => state);
export const useKeymap = () => useSettingsStore((state) => state.keymap);
export const useReviewSettingsActions = () => useSettingsStore((state) => state.actions);
