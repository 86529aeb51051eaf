/**
 * `os` inside the sandbox: the parts scenario files use without touching the host —
 * os.getpid() (as in `psutil.Process(os.getpid())`), os.getcwd(), an empty os.environ
 * with os.getenv(), the path constants, and os.path's string functions (posixpath).
 * Everything in os that would reach the file system or processes exists and raises
 * "PermissionError: heapscope runs scenarios in a sandbox: os.listdir() is not available".
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone } from '../objects/singletons.js';
import { newInt } from '../objects/int.js';
import { newStr, PyStr } from '../objects/str.js';
import { newTuple } from '../objects/tuple.js';
import { newDict, dictGetStr, type PyDict } from '../objects/dict.js';
import { newBool } from '../objects/int.js';
import { bindArgs, exactlyOne, noArgs } from '../builtins/args.js';
import { typeName } from '../protocols/abstract.js';
import { sandboxError } from './sandbox.js';
import { rt } from '../runtime.js';

/** os functions that reach the host: present, and refused when called. */
const HOST_FUNCTIONS = (
  'system popen listdir scandir walk fwalk stat lstat fstat open close read write remove unlink rmdir ' +
  'removedirs mkdir makedirs rename renames replace chdir fchdir chmod chown lchown link symlink readlink ' +
  'truncate utime access fork forkpty kill killpg execv execve execl execle execlp execlpe execvp execvpe ' +
  'spawnl spawnle spawnv spawnve spawnlp spawnlpe spawnvp spawnvpe posix_spawn posix_spawnp wait waitpid ' +
  'wait3 wait4 waitstatus_to_exitcode _exit abort nice getlogin getuid geteuid getgid getegid getgroups ' +
  'setuid setgid uname urandom getrandom putenv unsetenv dup dup2 pipe pipe2 mkfifo mknod statvfs sync ' +
  'fsync get_terminal_size isatty ttyname openpty times getloadavg sched_getaffinity cpu_count chroot ' +
  'startfile add_dll_directory memfd_create sendfile copy_file_range listxattr getxattr setxattr removexattr'
).split(' ');

/** os.path functions that ask the file system. */
const HOST_PATH_FUNCTIONS = (
  'exists lexists isfile isdir islink ismount getsize getmtime getatime getctime samefile sameopenfile ' +
  'samestat realpath expanduser expandvars'
).split(' ');

function str(fname: string, o: PyObject): string {
  if (o instanceof PyStr) return o.v;
  throw pyError(E.TypeError!, `${fname}() argument must be str, bytes, or os.PathLike object, not '${typeName(o)}'`);
}

function define(m: PyModule, name: string, impl: BuiltinImpl): void {
  moduleSet(m, name, newBuiltinFunction(name, impl, m));
}

function refuse(m: PyModule, prefix: string, names: string[]): void {
  for (const name of names) {
    define(m, name, () => {
      throw sandboxError(`${prefix}${name}()`);
    });
  }
}

// ---------------------------------------------------------------- posixpath

export function join(a: string, rest: string[]): string {
  let path = a;
  for (const b of rest) {
    if (b.startsWith('/')) path = b;
    else if (!path || path.endsWith('/')) path += b;
    else path += '/' + b;
  }
  return path;
}

function stripHead(head: string): string {
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

export function split(p: string): [string, string] {
  const i = p.lastIndexOf('/') + 1;
  return [stripHead(p.slice(0, i)), p.slice(i)];
}

export function splitext(p: string): [string, string] {
  const sep = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot > sep) {
    for (let i = sep + 1; i < dot; i++) if (p[i] !== '.') return [p.slice(0, dot), p.slice(dot)];
  }
  return [p, ''];
}

export function normpath(path: string): string {
  if (!path) return '.';
  let initial = path.startsWith('/') ? 1 : 0;
  if (initial && path.startsWith('//') && !path.startsWith('///')) initial = 2;
  const comps: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initial && !comps.length) || (comps.length && comps[comps.length - 1] === '..')) comps.push(comp);
    else if (comps.length) comps.pop();
  }
  return '/'.repeat(initial) + comps.join('/') || '.';
}

function pathModule(): PyModule {
  const p = newModule('posixpath');
  for (const [name, value] of [['sep', '/'], ['altsep', null], ['extsep', '.'], ['pathsep', ':'], ['curdir', '.'], ['pardir', '..'], ['devnull', '/dev/null'], ['defpath', '/bin:/usr/bin']] as const) {
    moduleSet(p, name, value === null ? newNone() : newStr(value));
  }
  define(p, 'join', (_s, args, kw) => {
    noKw('join', kw);
    if (!args.length) throw pyError(E.TypeError!, 'join() missing 1 required positional argument: \'a\'');
    return newStr(join(str('join', args[0]!), args.slice(1).map((a) => str('join', a))));
  });
  define(p, 'split', (_s, args, kw) => {
    const [a, b] = split(str('split', exactlyOne('split', args, kw)));
    return newTuple([newStr(a), newStr(b)]);
  });
  define(p, 'basename', (_s, args, kw) => newStr(split(str('basename', exactlyOne('basename', args, kw)))[1]));
  define(p, 'dirname', (_s, args, kw) => newStr(split(str('dirname', exactlyOne('dirname', args, kw)))[0]));
  define(p, 'splitext', (_s, args, kw) => {
    const [a, b] = splitext(str('splitext', exactlyOne('splitext', args, kw)));
    return newTuple([newStr(a), newStr(b)]);
  });
  define(p, 'isabs', (_s, args, kw) => newBool(str('isabs', exactlyOne('isabs', args, kw)).startsWith('/')));
  define(p, 'normpath', (_s, args, kw) => newStr(normpath(str('normpath', exactlyOne('normpath', args, kw)))));
  define(p, 'abspath', (_s, args, kw) => {
    const path = str('abspath', exactlyOne('abspath', args, kw));
    return newStr(normpath(path.startsWith('/') ? path : join(cwd(), [path])));
  });
  define(p, 'normcase', (_s, args, kw) => newStr(str('normcase', exactlyOne('normcase', args, kw))));
  refuse(p, 'os.path.', HOST_PATH_FUNCTIONS);
  return p;
}

function noKw(fname: string, kw: readonly string[] | null): void {
  if (kw && kw.length) throw pyError(E.TypeError!, `${fname}() takes no keyword arguments`);
}

/** The working directory the program was started in (harmless to show, never changed). */
function cwd(): string {
  return typeof process !== 'undefined' ? process.cwd() : '/';
}

function osModule(): PyModule {
  const m = newModule('os');
  for (const [name, value] of [['name', 'posix'], ['sep', '/'], ['extsep', '.'], ['pathsep', ':'], ['linesep', '\n'], ['curdir', '.'], ['pardir', '..'], ['devnull', '/dev/null'], ['defpath', '/bin:/usr/bin']] as const) {
    moduleSet(m, name, newStr(value));
  }
  moduleSet(m, 'altsep', newNone());
  const path = pathModule();
  moduleSet(m, 'path', newref(path));
  rt.state.set('os.path', path);
  // Scenario code sees no host environment variables.
  const environ = newDict();
  moduleSet(m, 'environ', environ);
  define(m, 'getpid', (_s, args, kw) => {
    noArgs('getpid', args, kw);
    return newInt(typeof process !== 'undefined' ? process.pid : 1);
  });
  define(m, 'getcwd', (_s, args, kw) => {
    noArgs('getcwd', args, kw);
    return newStr(cwd());
  });
  define(m, 'getenv', (_s, args, kw) => {
    const [key, dflt] = bindArgs('getenv', args, kw, ['key', 'default'], 1, 2);
    const v = dictGetStr(environ as PyDict, str('getenv', key!));
    return newref(v ?? dflt ?? newNone());
  });
  define(m, 'fspath', (_s, args, kw) => {
    const p = exactlyOne('fspath', args, kw);
    if (p instanceof PyStr) return newref(p);
    throw pyError(E.TypeError!, `expected str, bytes or os.PathLike object, not ${typeName(p)}`);
  });
  refuse(m, 'os.', HOST_FUNCTIONS);
  return m;
}

provideModule('os', osModule);
provideModule('os.path', () => {
  const path = rt.state.get('os.path') as PyModule | undefined;
  if (path) return newref(path);
  return pathModule();
});
// posixpath is os.path; importing it alone gives the same functions.
provideModule('posixpath', () => {
  const path = rt.state.get('os.path') as PyModule | undefined;
  return path ? newref(path) : pathModule();
});
