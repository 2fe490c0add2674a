import { describe, expect, it } from 'vitest';
import { StampedCache } from '../../src/services/result-cache.js';

/** A source whose answers the test releases one by one, counting the calls. */
function source() {
  const state = { stamp: 's1', value: 'v1', stamps: 0, computes: 0, gates: [] as (() => void)[] };
  const gate = () => new Promise<void>((resolve) => state.gates.push(resolve));
  return {
    state,
    /** Lets the calls waiting now go on (one step). */
    async step() {
      for (const g of state.gates.splice(0)) g();
      await new Promise((r) => setImmediate(r));
    },
    /** Lets every waiting call go on, and the calls they lead to. */
    async release() {
      for (let i = 0; i < 10; i += 1) {
        const open = state.gates.splice(0);
        for (const g of open) g();
        await new Promise((r) => setImmediate(r));
      }
    },
    stamp: async (_ctx: null, key: string) => {
      state.stamps += 1;
      const stamp = state.stamp; // read now, as a query would
      await gate();
      return key === 'missing' ? null : stamp;
    },
    compute: async () => {
      state.computes += 1;
      const value = state.value;
      await gate();
      return Buffer.from(value);
    },
  };
}

function setup() {
  const src = source();
  let clock = 0;
  const cache = new StampedCache<null>({ stamp: src.stamp, compute: src.compute }, { freshMs: 200, maxEntries: 10, now: () => clock });
  const read = async (key = 'm') => {
    const p = cache.get(null, key);
    await src.release();
    return (await p)?.toString() ?? null;
  };
  return { src, cache, read, tick: (ms: number) => (clock += ms) };
}

describe('StampedCache (the meeting result cache)', () => {
  it('trusts a value for freshMs, then asks for the stamp and recomputes only when it changed', async () => {
    const { src, read, tick } = setup();
    expect(await read()).toBe('v1');
    expect(src.state).toMatchObject({ stamps: 1, computes: 1 });
    tick(199);
    expect(await read()).toBe('v1');
    expect(src.state).toMatchObject({ stamps: 1, computes: 1 });
    tick(1);
    expect(await read()).toBe('v1');
    expect(src.state).toMatchObject({ stamps: 2, computes: 1 });
    src.state.stamp = 's2';
    src.state.value = 'v2';
    tick(200);
    expect(await read()).toBe('v2');
    expect(src.state).toMatchObject({ stamps: 3, computes: 2 });
    expect(await read('missing')).toBeNull();
  });

  it('serves 50 readers arriving together with one stamp query and one computation', async () => {
    const { src, cache } = setup();
    const readers = Array.from({ length: 50 }, () => cache.get(null, 'm'));
    await src.release();
    expect((await Promise.all(readers)).map(String)).toEqual(Array(50).fill('v1'));
    expect(src.state).toMatchObject({ stamps: 1, computes: 1 });
  });

  it('never hands a reader who came after a write what was read before it, nor keeps it', async () => {
    const { src, cache, read } = setup();
    const before = cache.get(null, 'm');
    await src.step(); // its stamp is back ('s1'); its computation has read the inputs ('v1') and is under way
    expect(src.state).toMatchObject({ stamps: 1, computes: 1 });
    src.state.stamp = 's2'; // a write changes the inputs and drops the cache
    src.state.value = 'v2';
    cache.invalidate();
    const held = src.state.gates.splice(0); // the earlier computation is kept waiting ...
    const after = cache.get(null, 'm');
    await src.step(); // ... while the later reader's stamp
    await src.step(); // and computation finish
    expect(((await after) ?? Buffer.alloc(0)).toString()).toBe('v2');
    for (const g of held) g(); // the earlier computation finishes last
    await src.release();
    expect(((await before) ?? Buffer.alloc(0)).toString()).toBe('v1'); // the earlier reader gets what it began to read
    expect(await read()).toBe('v2'); // and the cache kept the later value
    expect(src.state.computes).toBe(2);
  });

  it('forgets one key alone: the others stay cached, work begun on that key before is not kept', async () => {
    const { src, cache, read } = setup();
    expect(await read('a')).toBe('v1');
    expect(await read('b')).toBe('v1');
    expect(src.state.computes).toBe(2);
    // A tally sheet at meeting a: a is read again, b is not.
    src.state.stamp = 's2';
    src.state.value = 'v2';
    cache.invalidate('a');
    expect(await read('b')).toBe('v1');
    expect(src.state.computes).toBe(2);
    expect(await read('a')).toBe('v2');
    expect(src.state.computes).toBe(3);
    // Work on a begun before a's invalidation is handed to its reader, never stored nor shared with a later one.
    src.state.stamp = 's3';
    src.state.value = 'v3';
    cache.invalidate('a');
    const before = cache.get(null, 'a');
    await src.step(); // its stamp (s3) ...
    src.state.stamp = 's4';
    src.state.value = 'v4';
    cache.invalidate('a');
    const held = src.state.gates.splice(0); // ... its computation kept waiting
    const after = cache.get(null, 'a');
    await src.release();
    expect(((await after) ?? Buffer.alloc(0)).toString()).toBe('v4');
    for (const g of held) g();
    await src.release();
    expect(((await before) ?? Buffer.alloc(0)).toString()).toBe('v3');
    expect(await read('a')).toBe('v4');
    expect(await read('b')).toBe('v1');
  });
});
