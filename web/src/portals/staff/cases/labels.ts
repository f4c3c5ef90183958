import { useTranslation } from 'react-i18next';

/**
 * Names of case types, states, actions and data fields. A subsystem adds its
 * own under `cases.typeNames`, `cases.states`, `cases.actions` and
 * `cases.fieldNames.<type>` in the staff locale files; an unknown one shows as it is.
 */
export function useCaseLabels() {
  const { t } = useTranslation('staff');
  const key = (name: string) => name.replaceAll('.', '_');
  return {
    type: (name: string) => t(`cases.typeNames.${key(name)}`, { defaultValue: name }),
    state: (state: string) => t(`cases.states.${state}`, { defaultValue: state }),
    action: (action: string) => t(`cases.actions.${action}`, { defaultValue: action }),
    field: (type: string, field: string) => t(`cases.fieldNames.${key(type)}.${field}`, { defaultValue: field }),
  };
}
