import { afterEach, describe, expect, it } from 'vitest';
import { createBootScopes } from './bootScopes';
import { openSecureChannel, type RunChannel } from './channel';
import { keyringFor } from './keyring';
import type { RunMessage } from './messages';

const channels: RunChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => c.close()));

function ctx(environment: string, token: string | undefined = 'tok-1') {
  return {
    currentUserAccessToken: token,
    environment,
    site: { id: 'site-1' },
    plugin: { id: 'plugin-1' },
  };
}

/** A panel frame of a scope asks `hello`; resolves with the boot ids that answered. */
async function answersIn(c: ReturnType<typeof ctx>, expected: number): Promise<string[]> {
  const channel = openSecureChannel(keyringFor(c)!);
  channels.push(channel);
  await channel.ready;
  const seen: string[] = [];
  channel.subscribe((m: RunMessage) => m.kind === 'active' && seen.push(m.bootId));
  channel.post({ kind: 'hello' });
  await expect.poll(() => seen.length).toBe(expected);
  return seen;
}

describe('the boot frame hosts one scope per token and environment', () => {
  it('follows an environment switch without a reload, and keeps the earlier scope', async () => {
    const scopes = createBootScopes<ReturnType<typeof ctx>>({
      bootId: 'boot-1',
      loadRunner: async () => ({ start: async () => undefined, cancel() {}, active: () => [] }),
    });
    scopes.use(ctx('main'));
    scopes.use(ctx('main'));
    expect(scopes.size).toBe(1);
    scopes.use(ctx('staging'));
    scopes.use(ctx('main', 'tok-2')); // another user (token) is another scope
    scopes.use(ctx('main', undefined)); // without the token nothing listens
    expect(scopes.size).toBe(3);
    expect(await answersIn(ctx('staging'), 1)).toEqual(['boot-1']);
    expect(await answersIn(ctx('main'), 1)).toEqual(['boot-1']);
    expect(await answersIn(ctx('main', 'tok-2'), 1)).toEqual(['boot-1']);
  });
});
