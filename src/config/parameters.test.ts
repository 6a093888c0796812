import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMETERS,
  MAX_PARAMETERS_BYTES,
  parametersBytes,
  readParameters,
} from './parameters';

describe('readParameters', () => {
  it('gives defaults, without complaint, for a fresh install', () => {
    expect(readParameters(undefined)).toEqual({ parameters: DEFAULT_PARAMETERS, problems: [] });
    expect(readParameters({})).toEqual({ parameters: DEFAULT_PARAMETERS, problems: [] });
  });

  it('keeps valid values and repairs invalid ones one by one', () => {
    const { parameters, problems } = readParameters({
      version: 1,
      chunkSize: 500,
      jobsInFlight: 2,
      tagPresets: ['hero', ' hero ', 'summer'],
      enabledActions: { 'uploads.destroy': false, 'bogus.action': true },
    });
    expect(parameters.chunkSize).toBe(DEFAULT_PARAMETERS.chunkSize);
    expect(parameters.jobsInFlight).toBe(2);
    expect(parameters.tagPresets).toEqual(['hero', 'summer']);
    expect(parameters.enabledActions['uploads.destroy']).toBe(false);
    expect(parameters.enabledActions['uploads.addTags']).toBe(true);
    expect(parameters.enabledActions).not.toHaveProperty('bogus.action');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('chunkSize');
  });

  it('reports corrupt and outdated settings instead of throwing', () => {
    expect(readParameters('garbage').problems).toEqual([
      'The stored settings are not an object; defaults are shown.',
    ]);
    const old = readParameters({ version: 0, chunkSize: 50 });
    expect(old.parameters.chunkSize).toBe(50);
    expect(old.parameters.version).toBe(1);
    expect(old.problems[0]).toContain('migrated');
  });

  it('repairs one bad action switch without losing the valid ones', () => {
    const { parameters, problems } = readParameters({
      version: 1,
      enabledActions: { 'uploads.addTags': 'yes', 'uploads.destroy': false },
    });
    expect(parameters.enabledActions['uploads.destroy']).toBe(false);
    expect(parameters.enabledActions['uploads.addTags']).toBe(true);
    expect(problems).toEqual([
      '“enabledActions.uploads.addTags” was invalid (not true or false); it is on.',
    ]);
    expect(readParameters({ version: 1, enabledActions: [] }).problems[0]).toContain(
      '“enabledActions” was invalid',
    );
  });
});

describe('parametersBytes', () => {
  it('measures the JSON in UTF-8 bytes, against 10,000', () => {
    expect(parametersBytes({ a: 'é' })).toBe(JSON.stringify({ a: 'é' }).length + 1);
    expect(parametersBytes(DEFAULT_PARAMETERS)).toBeLessThan(MAX_PARAMETERS_BYTES);
    const big = {
      ...DEFAULT_PARAMETERS,
      tagPresets: Array.from({ length: 400 }, (_, i) => `preset-tag-${i}-xxxxxxxx`),
    };
    expect(parametersBytes(big)).toBeGreaterThan(MAX_PARAMETERS_BYTES);
  });
});
