import type { Inclusion, InclusionKind } from './recordChecks';
import s from './bulk.module.css';

/** The records outside the scope the run may take along (parents, linked records, children). */
export function InclusionSwitches(props: {
  offered: readonly Inclusion[];
  include: ReadonlySet<InclusionKind>;
  disabled: boolean;
  onChange: (include: ReadonlySet<InclusionKind>) => void;
}) {
  return (
    <fieldset className={s.step} data-testid="bulk-inclusions">
      <legend className="sr-only">Records outside the selection</legend>
      {props.offered.map((o) => (
        <label key={o.kind} data-testid={`bulk-include-${o.kind}`}>
          <input
            type="checkbox"
            checked={props.include.has(o.kind)}
            disabled={props.disabled}
            onChange={(e) => {
              const next = new Set(props.include);
              if (e.target.checked) next.add(o.kind);
              else next.delete(o.kind);
              props.onChange(next);
            }}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
