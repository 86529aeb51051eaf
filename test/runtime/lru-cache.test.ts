/**
 * functools.lru_cache's links (lru_list_elem) are freed by the cache's dict. When Python
 * code clears that dict behind the cache's back (it is reachable with gc.get_referents),
 * the cache must forget the dead links: the references stay exact and nothing live
 * refers to a freed object. (CPython keeps dangling links there; the model must not.)
 */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/runtime/run.js';
import { checkInvariants } from '../../source/runtime/check/invariants.js';

const CLEARED_BEHIND_ITS_BACK = `import gc, functools
class A:
    pass
@functools.lru_cache(maxsize=2)
def f(x):
    return [x]
f(A()); f(A()); f(A())
inner = [d for d in gc.get_referents(f) if type(d) is dict][0]
inner.clear()
f(A()); f(A()); f(A())
print(f.cache_info(), len(inner))
gc.collect()
del f
print(len(inner))
`;

describe('lru_cache links', () => {
  it('are forgotten by the cache when its dict is cleared directly', () => {
    let out = '';
    const { exitCode, runtime, refcountErrors } = runProgram('/tmp/lru.py', CLEARED_BEHIND_ITS_BACK, {
      checking: true,
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
    });
    expect(out).toBe('CacheInfo(hits=0, misses=6, maxsize=2, currsize=2) 2\n2\n');
    expect(exitCode).toBe(0);
    expect(refcountErrors).toEqual([]);
    expect(checkInvariants(runtime)).toEqual([]);
  });
});
