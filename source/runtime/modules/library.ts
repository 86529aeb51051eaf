/**
 * Standard-library modules heapscope provides beyond sys, gc and weakref. Each module
 * registers itself with the importer when this file is loaded.
 */
import './os.js';
import './importlib.js';
import './types.js';
import './collections/index.js';
import './functools/index.js';
import './itertools/index.js';
import './math.js';
import './time.js';
import './random/index.js';
import './copy.js';
import './array.js';
import './json/index.js';
import './abc.js';
import './typing.js';
import './operator.js';
import './dataclasses.js';
import './contextlib.js';
import './enum.js';
import './traceback.js';
import './string.js';
import './memory-profiler.js';
import './tracemalloc.js';
import './future.js';
