/**
 * The sandbox: scenario code has no access to the host. Modules whose purpose is the
 * host's files, processes, network or memory raise PermissionError when imported;
 * builtins and functions that would touch the host raise it when called. Every message
 * has one form: "heapscope runs scenarios in a sandbox: WHAT is not available".
 *
 * Standard-library modules heapscope does not model (yet) are told apart from modules
 * that do not exist: the first raise ModuleNotFoundError naming the module as a standard
 * one, the second CPython's own "No module named 'x'".
 */
import { pyError, type PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';

/** PermissionError: heapscope runs scenarios in a sandbox: WHAT is not available. */
export function sandboxError(what: string): PyRaise {
  return pyError(E.PermissionError!, `heapscope runs scenarios in a sandbox: ${what} is not available`);
}

/** Modules (and packages) that exist to reach the host: importing one is refused. */
export const HOST_MODULES = new Set(
  (
    'subprocess socket ssl ctypes shutil pathlib tempfile glob fileinput filecmp signal mmap multiprocessing ' +
    'concurrent select selectors fcntl termios tty pty pwd grp spwd resource posix nt msvcrt winreg winsound ' +
    'urllib http ftplib smtplib smtpd poplib imaplib nntplib telnetlib socketserver xmlrpc webbrowser wsgiref ' +
    'sqlite3 dbm shelve zipfile tarfile gzip bz2 lzma zipimport zipapp runpy pty syslog crypt getpass ' +
    'readline curses tkinter turtle turtledemo idlelib ensurepip venv pdb bdb faulthandler ' +
    '_thread _posixsubprocess _socket _ctypes _winapi'
  ).split(' '),
);

/** Submodules refused although their package is provided. */
export const HOST_SUBMODULES = new Set(['importlib.util', 'importlib.machinery', 'importlib.resources', 'importlib.abc', 'importlib.metadata']);

/** sys.stdlib_module_names of CPython 3.11 (public names), for "not modelled" errors. */
export const STDLIB_MODULES = new Set('__future__ abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo'.split(' '));
