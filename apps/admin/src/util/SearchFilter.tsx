import { TextInput } from 'react-admin';

/**
 * The free-text filter of a list, with a visible label: react-admin's SearchInput has only a
 * placeholder, which screen readers may not announce and which vanishes once typed over.
 */
export const SearchFilter = ({ source = 'q' }: { source?: string; alwaysOn?: boolean }) => (
  <TextInput source={source} label="ra.action.search" resettable />
);
