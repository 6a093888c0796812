import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_MAX_AGE_MS, openSecureChannel, type RunChannel } from './channel';
import type { RunMessage } from './messages';
import { testKeyring } from './testing/testKeyring';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function track<T extends { close(): void }>(c: T): T {
  open.push(c);
  return c;
}

function listen(channel: RunChannel) {
  const heard: RunMessage[] = [];
  channel.subscribe((m) => heard.push(m));
  return heard;
}

/** Resolves once `n` messages were dropped by the channel (messages arrive asynchronously). */
function dropCounter() {
  const reasons: string[] = [];
  let waiters: (() => void)[] = [];
  return {
    reasons,
    onDropped: (r: string) => {
      reasons.push(r);
      const now = waiters;
      waiters = [];
      now.forEach((w) => w());
    },
    until: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (reasons.length >= n ? resolve() : waiters.push(check));
        check();
      }),
  };
}

describe('the sealed run channel', () => {
  it('delivers in order between frames of one scope', async () => {
    const keyring = await testKeyring('t-order');
    const a = track(openSecureChannel(keyring));
    const b = track(openSecureChannel(Promise.resolve(keyring)));
    const heard = listen(b);
    await b.ready;
    for (let i = 0; i < 20; i++) a.post({ kind: 'cancel', runId: `r${i}` });
    await expect.poll(() => heard.length).toBe(20);
    expect(heard.map((m) => (m.kind === 'cancel' ? m.runId : ''))).toEqual(
      Array.from({ length: 20 }, (_, i) => `r${i}`),
    );
  });

  it('drops plain messages, envelopes of other scopes and altered envelopes, unread', async () => {
    const keyring = await testKeyring('t-forge');
    const drops = dropCounter();
    const receiver = track(openSecureChannel(keyring, { onDropped: drops.onDropped }));
    const heard = listen(receiver);
    await receiver.ready;
    const raw = track(new BroadcastChannel(keyring.channelName));
    raw.postMessage({ kind: 'start', bootId: 'x', runId: 'r', settings: {} });
    // Sealed for staging, sent on main's channel name.
    const staging = await testKeyring('t-forge', { environment: 'staging' });
    const sealed = await staging.seal(
      'message',
      new TextEncoder().encode('{}'),
      keyring.channelName,
    );
    raw.postMessage({ v: 1, ...sealed });
    const good = await keyring.seal(
      'message',
      new TextEncoder().encode(JSON.stringify({ m: { kind: 'hello' }, at: Date.now(), n: 'n1' })),
      keyring.channelName,
    );
    const flipped = new Uint8Array(good.ct.slice(0));
    flipped[0] = flipped[0]! ^ 1;
    raw.postMessage({ v: 1, iv: good.iv, ct: flipped.buffer });
    await drops.until(3);
    expect(drops.reasons).toEqual(['unreadable', 'unreadable', 'unreadable']);
    expect(heard).toEqual([]);
  });

  it('a replayed envelope does nothing, and neither does a stale one', async () => {
    const keyring = await testKeyring('t-replay');
    let now = 1_000_000;
    const drops = dropCounter();
    const receiver = track(
      openSecureChannel(keyring, { now: () => now, onDropped: drops.onDropped }),
    );
    const heard = listen(receiver);
    await receiver.ready;
    // Capture what a real frame sends, as a frame listening on the channel would.
    const spy = track(new BroadcastChannel(keyring.channelName));
    const captured: unknown[] = [];
    spy.onmessage = (e: MessageEvent<unknown>) => captured.push(e.data);
    const sender = track(openSecureChannel(keyring, { now: () => now }));
    sender.post({ kind: 'start', bootId: 'b', runId: 'r', settings: {} });
    await expect.poll(() => heard.length).toBe(1);
    await expect.poll(() => captured.length).toBe(1);
    const replay = track(new BroadcastChannel(keyring.channelName));
    replay.postMessage(captured[0]);
    await drops.until(1);
    now += MESSAGE_MAX_AGE_MS + 1;
    replay.postMessage(captured[0]);
    await drops.until(2);
    expect(drops.reasons).toEqual(['replayed', 'stale']);
    expect(heard).toHaveLength(1);
  });

  it('sends what was posted before close, then stops listening', async () => {
    const keyring = await testKeyring('t-close');
    const receiver = track(openSecureChannel(keyring));
    const heard = listen(receiver);
    await receiver.ready;
    const sender = openSecureChannel(keyring);
    const own = listen(sender);
    sender.post({ kind: 'hello' });
    sender.close();
    await expect.poll(() => heard.length).toBe(1);
    expect(own).toEqual([]);
  });

  it('two scopes never hear each other: their channel names differ', async () => {
    const main = await testKeyring('t-names');
    const names = new Set([
      main.channelName,
      (await testKeyring('t-names', { environment: 'staging' })).channelName,
      (await testKeyring('t-names', { pluginId: 'other' })).channelName,
      (await testKeyring('other-token')).channelName,
    ]);
    expect(names.size).toBe(4);
    expect(main.channelName).not.toContain('site-1');
  });
});
