import type { SettingKey } from '@switchboard/settings-model';
import type { ComponentType } from 'react';
import { AnonymizationDryRun } from '../anonymization/AnonymizationDryRun.js';

interface CompanionProps {
  /** The value being edited (unsaved edits included). */
  rule: unknown;
  /** The edited value fails validation: nothing to ask the backend about. */
  invalid: boolean;
}

/** What a setting's card shows below its control, for the settings that have more to say. */
const companions: Partial<Record<SettingKey, ComponentType<CompanionProps>>> = {
  'general.autoAnonymization': AnonymizationDryRun,
};

export const SettingCompanion = ({
  settingKey,
  value,
  invalid,
}: {
  settingKey: SettingKey;
  value: unknown;
  invalid: boolean;
}) => {
  const Companion = companions[settingKey];
  return Companion ? <Companion rule={value} invalid={invalid} /> : null;
};
