/**
 * Which pose the user asked to regenerate, per character (client-only: the API does not say).
 * A tile shows "regenerating" only while the character is also synthesizing, so an entry left
 * behind after the character settles is simply ignored — nothing has to be kept in sync.
 */
import { create } from 'zustand';
import type { Pose } from '../../contract/constants';

interface RegeneratingState {
  byCharacter: Record<string, Pose | 'all'>;
  actions: { regenerationStarted: (characterId: string, what: Pose | 'all') => void };
}

const useRegeneratingStore = create<RegeneratingState>()((set) => ({
  byCharacter: {},
  actions: {
    regenerationStarted: (characterId, what) => set((state) => ({ byCharacter: { ...state.byCharacter, [characterId]: what } })),
  },
}));

export const useRegenerating = (characterId: string) => useRegeneratingStore((state) => state.byCharacter[characterId]);
/** Its actions, for code outside React (a mutation's onSuccess, the resume of paid actions). */
export const regeneratingActions = useRegeneratingStore.getState().actions;
