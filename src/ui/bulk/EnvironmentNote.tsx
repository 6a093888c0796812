import s from './bulk.module.css';

export type RunEnvironment = { readonly name: string; readonly primary: boolean };

/** Says which environment a run changes, so nobody runs on the live one by mistake. */
export function environmentNote(env: RunEnvironment): string {
  return env.primary
    ? `Runs on the primary environment “${env.name}”: the changes reach your live content.`
    : `Runs on the sandbox environment “${env.name}”, not on the primary one.`;
}

export function EnvironmentNote({ environment }: { environment: RunEnvironment }) {
  return (
    <p className={s.hint} data-testid="bulk-environment">
      {environmentNote(environment)}
    </p>
  );
}
