import type { Category } from '@switchboard/settings-model';
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { Edits } from './settingsDraft.js';

/** Unsaved edits of one settings area and the version they were made against. */
export interface SettingsDraft {
  edits: Edits;
  /** The settings version shown when the first edit was made: saving sends it as If-Match. */
  baseVersion: number;
}

type Drafts = Partial<Record<Category, SettingsDraft>>;

type DraftUpdate = (draft: SettingsDraft | undefined) => SettingsDraft | undefined;

interface DraftStore {
  drafts: Drafts;
  updateDraft: (category: Category, update: DraftUpdate) => void;
}

const SettingsDraftContext = createContext<DraftStore | null>(null);

/**
 * Holds the settings forms' unsaved edits above react-admin. A language switch re-mounts
 * everything under react-admin's i18n context (a new `key`), which would otherwise drop them.
 */
export const SettingsDraftProvider = ({ children }: { children: ReactNode }) => {
  const [drafts, setDrafts] = useState<Drafts>({});
  const updateDraft = useCallback((category: Category, update: DraftUpdate) => {
    setDrafts((current) => {
      const draft = update(current[category]);
      const next = { ...current };
      // No edits left: the next first edit pins the version then on screen.
      if (draft === undefined || Object.keys(draft.edits).length === 0) delete next[category];
      else next[category] = draft;
      return next;
    });
  }, []);
  const store = useMemo(() => ({ drafts, updateDraft }), [drafts, updateDraft]);
  return <SettingsDraftContext.Provider value={store}>{children}</SettingsDraftContext.Provider>;
};

export interface SettingsDraftState {
  edits: Edits;
  /** The draft's base version, or `current` when there are no edits yet. */
  baseVersion: (current: number) => number;
  /** Applies a change to the edits; the first edit pins the version it was made against. */
  updateEdits: (update: (edits: Edits) => Edits, currentVersion: number) => void;
  clear: () => void;
}

const noEdits: Edits = {};

/** The unsaved edits of one settings area, kept across re-mounts of its form. */
export function useSettingsDraft(category: Category): SettingsDraftState {
  const store = useContext(SettingsDraftContext);
  if (!store) throw new Error('useSettingsDraft needs <SettingsDraftProvider> above it');
  const { drafts, updateDraft } = store;
  const draft = drafts[category];
  const updateEdits = useCallback(
    (update: (edits: Edits) => Edits, currentVersion: number) =>
      updateDraft(category, (current) => ({
        edits: update(current?.edits ?? noEdits),
        baseVersion: current?.baseVersion ?? currentVersion,
      })),
    [category, updateDraft],
  );
  const clear = useCallback(() => updateDraft(category, () => undefined), [category, updateDraft]);
  return {
    edits: draft?.edits ?? noEdits,
    baseVersion: (current) => draft?.baseVersion ?? current,
    updateEdits,
    clear,
  };
}
