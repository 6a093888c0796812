import { fieldName } from '../../operations/shared/records/linkFields';
import type { SideEffect } from './recordChecks';
import { sideEffectSentence } from './sideEffectText';
import s from './bulk.module.css';

/** What DatoCMS will do to the records linking to the run's records, per linking field. */
export function SideEffects(props: {
  effects: readonly SideEffect[];
  names: ReadonlyMap<string, string>;
}) {
  return (
    <section aria-label="What DatoCMS also changes" data-testid="bulk-side-effects">
      <ul className={`${s.notice} ${s.effects}`}>
        {props.effects.map((e) => (
          <li
            key={`${e.kind}:${e.field.id}`}
            data-testid={`bulk-side-effect-${e.kind}`}
            data-field={fieldName(e.field)}
          >
            {sideEffectSentence(e, props.names)}
          </li>
        ))}
      </ul>
    </section>
  );
}
