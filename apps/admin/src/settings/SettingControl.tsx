import { Stack } from '@mui/material';
import {
  type DurationUnit,
  type FieldUiHints,
  type InputKind,
  type SettingKey,
  type UiOption,
  settingsRegistry,
} from '@switchboard/settings-model';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { DateExceptionsControl } from './inputs/DateExceptionsControl.js';
import { DurationControl } from './inputs/DurationControl.js';
import { MultiSelectControl } from './inputs/MultiSelectControl.js';
import { NumberControl } from './inputs/NumberControl.js';
import { PhoneListControl } from './inputs/PhoneListControl.js';
import { PhoneSelectControl } from './inputs/PhoneSelectControl.js';
import { SelectControl } from './inputs/SelectControl.js';
import { TextControl } from './inputs/TextControl.js';
import { TextListControl } from './inputs/TextListControl.js';
import { TimeWindowControl } from './inputs/TimeWindowControl.js';
import { TimeZoneControl } from './inputs/TimeZoneControl.js';
import { ToggleControl } from './inputs/ToggleControl.js';
import { WeeklyHoursControl } from './inputs/WeeklyHoursControl.js';
import type { ControlProps } from './inputs/controlProps.js';
import { asObject, isFieldVisible, setField } from './objectValue.js';
import type { ErrorMessages } from './settingsDraft.js';
import { switchEnabled } from './templates.js';
import type { ExceptionDate, Interval, WeeklyHours } from './weeklyHours.js';

interface ControlExtras {
  options?: readonly UiOption[] | undefined;
  durationUnits?: readonly DurationUnit[] | undefined;
  unitLabel?: string | undefined;
  /** For `phone-select`: the numbers it chooses from. */
  choices?: readonly string[] | undefined;
}

/**
 * The one place that turns a model input kind into a control. The switch is exhaustive over
 * `InputKind`, so a kind added to the model fails to compile here until it has a control.
 */
/** Each control types its own value; the model's schema guarantees the shape behind the kind. */
const typed = <V,>(props: ControlProps): ControlProps<V> => props as ControlProps<V>;

export function renderControl(
  kind: InputKind,
  props: ControlProps,
  extras: ControlExtras,
): ReactNode {
  switch (kind) {
    case 'toggle':
      return <ToggleControl {...props} />;
    case 'select':
      return <SelectControl {...props} options={extras.options ?? []} />;
    case 'multiselect':
      // Without fixed options (package ids) a multiselect is a free list.
      return extras.options ? (
        <MultiSelectControl {...typed<string[] | undefined>(props)} options={extras.options} />
      ) : (
        <TextListControl {...typed<string[] | undefined>(props)} />
      );
    case 'number':
      return <NumberControl {...typed<number | undefined>(props)} unitLabel={extras.unitLabel} />;
    case 'duration':
      return (
        <DurationControl
          {...typed<number>(props)}
          units={extras.durationUnits ?? ['seconds', 'minutes']}
        />
      );
    case 'email':
      return <TextControl {...typed<string | undefined>(props)} type="email" />;
    case 'phone-list':
      return <PhoneListControl {...typed<string[] | undefined>(props)} />;
    case 'phone-select':
      return <PhoneSelectControl {...typed<string | null>(props)} choices={extras.choices ?? []} />;
    case 'text-list':
      return <TextListControl {...typed<string[] | undefined>(props)} />;
    case 'time-window':
      return <TimeWindowControl {...typed<Interval | undefined>(props)} />;
    case 'time-zone':
      return <TimeZoneControl {...typed<string | undefined>(props)} />;
    case 'weekly-hours':
      return <WeeklyHoursControl {...typed<WeeklyHours | undefined>(props)} />;
    case 'date-exceptions':
      return <DateExceptionsControl {...typed<ExceptionDate[] | undefined>(props)} />;
    case 'anonymization-rule':
      // Only ever the main control of an object setting, whose fields render it.
      return null;
  }
}

export interface SettingControlProps {
  settingKey: SettingKey;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
  errors: ErrorMessages;
}

/** The generated form of one setting: its main control, or its fields per the model's UI hints. */
export const SettingControl = ({
  settingKey,
  value,
  onChange,
  disabled,
  errors,
}: SettingControlProps) => {
  const translate = useTranslate();
  const definition = settingsRegistry[settingKey];
  const { ui } = definition;
  if (!ui.fields) {
    return renderControl(
      ui.input,
      {
        path: settingKey,
        label: translate(definition.labelKey),
        value,
        onChange,
        disabled,
        errors,
      },
      {
        options: ui.options,
        durationUnits: ui.durationUnits,
        unitLabel: definition.unit ? translate(`settings.units.${definition.unit}`) : undefined,
      },
    );
  }
  const object = asObject(value);
  const fields: [string, FieldUiHints][] = Object.entries(ui.fields);
  return (
    <Stack spacing={2}>
      {fields
        .filter(([, hint]) => isFieldVisible(hint, object))
        .map(([field, hint]) => {
          const onFieldChange =
            field === 'enabled'
              ? (next: unknown) => onChange(switchEnabled(settingKey, object, next === true))
              : (next: unknown) => onChange(setField(settingKey, object, field, next));
          return (
            <div key={field}>
              {renderControl(
                hint.input,
                {
                  path: `${settingKey}.${field}`,
                  label: translate(hint.labelKey),
                  help: hint.helpKey ? translate(hint.helpKey) : undefined,
                  value: object[field],
                  onChange: onFieldChange,
                  disabled,
                  errors,
                },
                {
                  options: hint.options,
                  unitLabel: hint.unit ? translate(`settings.units.${hint.unit}`) : undefined,
                  choices: Array.isArray(object.allowedNumbers)
                    ? (object.allowedNumbers as string[])
                    : undefined,
                },
              )}
            </div>
          );
        })}
    </Stack>
  );
};
