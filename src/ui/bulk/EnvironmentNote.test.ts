import { describe, expect, it } from 'vitest';
import { environmentNote } from './EnvironmentNote';

describe('environmentNote', () => {
  it('warns that the primary environment is the live content, and names a sandbox as such', () => {
    expect(environmentNote({ name: 'main', primary: true })).toBe(
      'Runs on the primary environment “main”: the changes reach your live content.',
    );
    expect(environmentNote({ name: 'staging', primary: false })).toBe(
      'Runs on the sandbox environment “staging”, not on the primary one.',
    );
  });
});
