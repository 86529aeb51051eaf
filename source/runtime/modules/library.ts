/**
 * Standard-library modules heapscope provides beyond sys, gc and weakref. Each module
 * registers itself with the importer when this file is loaded.
 */
import './os.js';
import './importlib.js';
import './memory-profiler.js';
import './tracemalloc.js';
