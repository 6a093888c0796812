import { describe, expect, it } from 'vitest';
import { TimeoutError } from '@datocms/cma-client-browser';
import { apiError } from '../engine/testing/apiErrors';
import { FakeClock } from '../engine/testing/fakeClock';
import { humanReason } from './explainError';
import { CMA_ERROR_CODES } from './apiErrorCodes';
import { classifyError, errorCode } from './errorClass';
import { backoffDelay, DEFAULT_RETRY_POLICY, DoNotRetry, withRetry } from './retry';

describe('classifyError', () => {
  it('sorts CMA failures into retry classes', () => {
    expect(classifyError(apiError(429))).toBe('throttled');
    expect(classifyError(apiError(503))).toBe('transient');
    expect(classifyError(apiError(422, 'BUSY', { transient: true }))).toBe('transient');
    expect(classifyError(apiError(401, 'INVALID_AUTHORIZATION_HEADER'))).toBe('auth');
    expect(classifyError(apiError(404, 'NOT_FOUND'))).toBe('notFound');
    expect(classifyError(apiError(422, 'INVALID_DRAFT'))).toBe('permanent');
    expect(classifyError(new TypeError('fetch failed'))).toBe('transient');
    expect(
      classifyError(
        new TimeoutError({ request: { url: '', method: 'GET', headers: {}, body: undefined } }),
      ),
    ).toBe('transient');
    expect(errorCode(apiError(500))).toBe('HTTP_500');
    expect(errorCode(new TypeError('x'))).toBe('NETWORK_ERROR');
  });

  it('a rejected token is a 401 whatever its code; codes outside the CMA list mean nothing', () => {
    expect(classifyError(apiError(401))).toBe('auth');
    expect(classifyError(apiError(401, 'SOMETHING_NEW'))).toBe('auth');
    // Not CMA codes (finding 11): no longer read as an auth failure on their own.
    expect(classifyError(apiError(422, 'INVALID_CREDENTIALS'))).toBe('permanent');
    expect(classifyError(apiError(422, 'EXPIRED_TOKEN'))).toBe('permanent');
    expect(CMA_ERROR_CODES).not.toContain('INVALID_CREDENTIALS');
    expect(CMA_ERROR_CODES).not.toContain('EXPIRED_TOKEN');
    expect(humanReason('EXCEPTION')).toMatch(/server error/);
  });
});

describe('withRetry', () => {
  it('backs off exponentially on transient errors and gives up after the limit', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    let calls = 0;
    const p = withRetry(
      async () => {
        calls++;
        throw apiError(502);
      },
      { clock, random: () => 0, onRetry: (i) => delays.push(i.delayMs) },
    );
    await expect(clock.run(p)).rejects.toThrow();
    expect(calls).toBe(DEFAULT_RETRY_POLICY.maxTransientAttempts);
    expect(delays).toEqual([150, 300, 600, 1200, 2400]);
  });

  it('never retries permanent errors', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const p = withRetry(
      async () => {
        calls++;
        throw apiError(422, 'INVALID_DRAFT');
      },
      { clock },
    );
    await expect(clock.run(p)).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('retries 429 without sleeping itself (the rate budget waits)', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const value = await clock.run(
      withRetry(
        async () => {
          if (++calls < 4) throw apiError(429);
          return 'ok';
        },
        { clock },
      ),
    );
    expect(value).toBe('ok');
    expect(clock.now()).toBe(0);
  });

  it('caps the backoff', () => {
    expect(backoffDelay(20, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});

describe('DoNotRetry', () => {
  it('rethrows its cause at once, without retrying', async () => {
    const cause = new Error('poll kept failing');
    let calls = 0;
    const clock = { now: () => 0, sleep: () => Promise.resolve() };
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(new DoNotRetry(cause));
        },
        { clock },
      ),
    ).rejects.toBe(cause);
    expect(calls).toBe(1);
  });
});
