import { afterAll, beforeAll, vi } from 'vitest';
import { FROZEN_NOW } from './helpers';

// Freeze only Date (timers stay real, so AbortSignal.timeout and awaits behave normally).
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FROZEN_NOW });
});
afterAll(() => {
  vi.useRealTimers();
});
