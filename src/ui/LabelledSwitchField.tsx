import { SwitchField } from 'datocms-react-ui';

type Props = {
  id: string;
  label: string;
  hint?: string;
  value: boolean;
  onChange: (value: boolean) => void;
};

/**
 * react-ui's SwitchField points its label at `id` but does not give the switch that id, so
 * the switch has no accessible name (axe: button-name). This passes the id through.
 */
export function LabelledSwitchField({ id, label, hint, value, onChange }: Props) {
  return (
    <SwitchField
      id={id}
      name={id}
      label={label}
      hint={hint}
      value={value}
      onChange={onChange}
      switchInputProps={{ id, name: id, value }}
    />
  );
}
