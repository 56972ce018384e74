import { expect, it } from 'vitest';
import { createIntentKeys } from './idempotency';

it('reuses one key for a retried intent, and mints a new one for another intent or after it settles', () => {
  let n = 0;
  const keys = createIntentKeys(() => `key-${++n}`);
  const first = keys.keyFor('create:{"name":"A"}');
  expect(keys.keyFor('create:{"name":"A"}')).toBe(first);
  expect(keys.keyFor('create:{"name":"B"}')).not.toBe(first);
  keys.settle('create:{"name":"A"}');
  expect(keys.keyFor('create:{"name":"A"}')).not.toBe(first);
});

it('uses UUIDs by default', () => {
  expect(createIntentKeys().keyFor('x')).toMatch(/^[0-9a-f-]{36}$/);
});
