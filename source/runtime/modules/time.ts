/**
 * The time module. Clocks read the host's clocks, plus a modelled offset: time.sleep()
 * does not block (a scenario should not stall the dashboard); it advances heapscope's
 * clock by the requested amount, so time(), perf_counter() and monotonic() measured
 * around a sleep show it, while process_time() (CPU time) does not. struct_time is a
 * tuple subclass written in Python; gmtime/localtime/mktime/strftime/asctime/ctime work
 * on the host's time zone (UTC on these machines).
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None, newNone } from '../objects/singletons.js';
import { PyInt, newInt, newIntValue } from '../objects/int.js';
import { PyFloat, newFloat } from '../objects/float.js';
import { newStr, PyStr } from '../objects/str.js';
import { newTuple } from '../objects/tuple.js';
import { exactlyOne, noArgs, positional } from '../builtins/args.js';
import { call, getAttr, indexValue, iterateToArray, typeName } from '../protocols/abstract.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';

const STRUCT_TIME_PY = String.raw`
class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime()"""
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    _names = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')

    def __new__(cls, sequence, dict=None):
        values = tuple(sequence)
        if len(values) < 9:
            raise TypeError(f'time.struct_time() takes an at least 9-sequence ({len(values)}-sequence given)')
        if len(values) > 11:
            raise TypeError(f'time.struct_time() takes an at most 11-sequence ({len(values)}-sequence given)')
        self = tuple.__new__(cls, values[:9])
        self.__dict__['tm_zone'] = values[9] if len(values) > 9 else None
        self.__dict__['tm_gmtoff'] = values[10] if len(values) > 10 else None
        return self

    def __repr__(self):
        return 'time.struct_time(' + ', '.join(f'{n}={v!r}' for n, v in zip(self._names, self)) + ')'

    def __setattr__(self, name, value):
        raise AttributeError('readonly attribute')

    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])

struct_time.__module__ = 'time'
`;

/** Seconds time.sleep() has added to the modelled clocks. */
function slept(): number {
  return (rt.state.get('time.slept') as number | undefined) ?? 0;
}

function seconds(o: PyObject): number {
  if (o instanceof PyFloat) return o.v;
  if (o instanceof PyInt) return Number(o.v);
  if (o.type.number.float !== null) {
    const f = o.type.number.float(o);
    try {
      return (f as PyFloat).v;
    } finally {
      decref(f);
    }
  }
  return Number(indexValue(o));
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Fields = { year: number; mon: number; mday: number; hour: number; min: number; sec: number; wday: number; yday: number; isdst: number; zone: string; gmtoff: number };

function fieldsOf(t: number, utc: boolean): Fields {
  const d = new Date(Math.floor(t) * 1000);
  const get = (local: () => number, u: () => number) => (utc ? u() : local());
  const year = get(() => d.getFullYear(), () => d.getUTCFullYear());
  const mon = get(() => d.getMonth(), () => d.getUTCMonth()) + 1;
  const mday = get(() => d.getDate(), () => d.getUTCDate());
  const start = utc ? Date.UTC(year, 0, 1) : new Date(year, 0, 1).getTime();
  const here = utc ? Date.UTC(year, mon - 1, mday) : new Date(year, mon - 1, mday).getTime();
  const offset = utc ? 0 : -d.getTimezoneOffset() * 60;
  return {
    year, mon, mday,
    hour: get(() => d.getHours(), () => d.getUTCHours()),
    min: get(() => d.getMinutes(), () => d.getUTCMinutes()),
    sec: get(() => d.getSeconds(), () => d.getUTCSeconds()),
    wday: (get(() => d.getDay(), () => d.getUTCDay()) + 6) % 7,
    yday: Math.round((here - start) / 86400000) + 1,
    isdst: 0,
    zone: utc ? 'UTC' : zoneName(),
    gmtoff: offset,
  };
}

function zoneName(): string {
  try {
    return Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

function fieldsFromTuple(o: PyObject): Fields {
  const items = iterateToArray(o);
  try {
    if (items.length < 9) throw pyError(E.TypeError!, 'function takes exactly 9 arguments (' + items.length + ' given)');
    const n = items.slice(0, 9).map((x) => Number(indexValue(x)));
    return { year: n[0]!, mon: n[1]!, mday: n[2]!, hour: n[3]!, min: n[4]!, sec: n[5]!, wday: n[6]!, yday: n[7]!, isdst: n[8]!, zone: 'UTC', gmtoff: 0 };
  } finally {
    items.forEach((x) => decref(x));
  }
}

const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

function strftime(format: string, f: Fields): string {
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y': return String(f.year);
      case 'y': return pad(f.year % 100);
      case 'm': return pad(f.mon);
      case 'd': return pad(f.mday);
      case 'e': return pad(f.mday, 2, ' ');
      case 'H': return pad(f.hour);
      case 'I': return pad(((f.hour + 11) % 12) + 1);
      case 'M': return pad(f.min);
      case 'S': return pad(f.sec);
      case 'p': return f.hour < 12 ? 'AM' : 'PM';
      case 'a': return DAYS[f.wday]!.slice(0, 3);
      case 'A': return DAYS[f.wday]!;
      case 'b': case 'h': return MONTHS[f.mon - 1]!.slice(0, 3);
      case 'B': return MONTHS[f.mon - 1]!;
      case 'j': return pad(f.yday, 3);
      case 'w': return String((f.wday + 1) % 7);
      case 'u': return String(f.wday + 1);
      case 'Z': return f.zone;
      case 'z': {
        const off = f.gmtoff;
        const sign = off < 0 ? '-' : '+';
        const a = Math.abs(off);
        return `${sign}${pad(Math.floor(a / 3600))}${pad(Math.floor((a % 3600) / 60))}`;
      }
      case 'c': return asctime(f);
      case 'x': return `${pad(f.mon)}/${pad(f.mday)}/${pad(f.year % 100)}`;
      case 'X': return `${pad(f.hour)}:${pad(f.min)}:${pad(f.sec)}`;
      case 'D': return `${pad(f.mon)}/${pad(f.mday)}/${pad(f.year % 100)}`;
      case 'T': return `${pad(f.hour)}:${pad(f.min)}:${pad(f.sec)}`;
      case 'F': return `${f.year}-${pad(f.mon)}-${pad(f.mday)}`;
      case 'R': return `${pad(f.hour)}:${pad(f.min)}`;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return m;
    }
  });
}

function asctime(f: Fields): string {
  return `${DAYS[f.wday]!.slice(0, 3)} ${MONTHS[f.mon - 1]!.slice(0, 3)} ${pad(f.mday, 2, ' ')} ${pad(f.hour)}:${pad(f.min)}:${pad(f.sec)} ${f.year}`;
}

function createTimeModule(): PyModule {
  const m = newModule('time');
  runPythonModuleSource(m, STRUCT_TIME_PY, '<heapscope time>');
  const structTime = getAttr(m, 'struct_time');
  decref(structTime);
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  const clock = (name: string, read: () => number) => {
    def(name, (_s, a, k) => {
      noArgs(name, a, k);
      return newFloat(read());
    });
    def(`${name}_ns`, (_s, a, k) => {
      noArgs(`${name}_ns`, a, k);
      return newIntValue(BigInt(Math.round(read() * 1e6)) * 1000n);
    });
  };
  const wall = () => (performance.timeOrigin + performance.now()) / 1000 + slept();
  const mono = () => performance.now() / 1000 + slept();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  clock('time', wall);
  clock('perf_counter', mono);
  clock('monotonic', mono);
  clock('process_time', cpu);
  clock('thread_time', cpu);
  def('sleep', (_s, a, k) => {
    const secs = exactlyOne('sleep', a, k);
    if (!(secs instanceof PyFloat) && !(secs instanceof PyInt) && secs.type.number.float === null && secs.type.number.index === null) {
      throw pyError(E.TypeError!, `'${typeName(secs)}' object cannot be interpreted as an integer`);
    }
    const s = seconds(secs);
    if (Number.isNaN(s)) throw pyError(E.ValueError!, 'Invalid value NaN (not a number)');
    if (s < 0) throw pyError(E.ValueError!, 'sleep length must be non-negative');
    rt.state.set('time.slept', slept() + s);
    return newNone();
  });
  const makeStruct = (f: Fields) => {
    const values = [f.year, f.mon, f.mday, f.hour, f.min, f.sec, f.wday, f.yday, f.isdst].map((v) => newInt(v) as PyObject);
    values.push(newStr(f.zone), newInt(f.gmtoff));
    return call(structTime, [newTuple(values)]);
  };
  const when = (a: PyObject[], k: readonly string[] | null, name: string) => {
    const [t] = positional(name, a, k, 0, 1);
    return t === undefined || t === None ? wall() : seconds(t);
  };
  def('gmtime', (_s, a, k) => makeStruct(fieldsOf(when(a, k, 'gmtime'), true)));
  def('localtime', (_s, a, k) => makeStruct(fieldsOf(when(a, k, 'localtime'), false)));
  def('mktime', (_s, a, k) => {
    const f = fieldsFromTuple(exactlyOne('mktime', a, k));
    return newFloat(new Date(f.year, f.mon - 1, f.mday, f.hour, f.min, f.sec).getTime() / 1000);
  });
  const fieldsArg = (a: PyObject[], k: readonly string[] | null, name: string, skip: number) => {
    const [t] = positional(name, a.slice(skip), k, 0, 1);
    return t === undefined ? fieldsOf(wall(), false) : fieldsFromTuple(t);
  };
  def('asctime', (_s, a, k) => newStr(asctime(fieldsArg(a, k, 'asctime', 0))));
  def('ctime', (_s, a, k) => newStr(asctime(fieldsOf(when(a, k, 'ctime'), false))));
  def('strftime', (_s, a, k) => {
    const [format] = positional('strftime', a, k, 1, 2);
    if (!(format instanceof PyStr)) throw pyError(E.TypeError!, `strftime() argument 1 must be str, not ${typeName(format!)}`);
    return newStr(strftime(format.v, fieldsArg(a, k, 'strftime', 1)));
  });
  const offset = new Date().getTimezoneOffset() * 60;
  moduleSet(m, 'timezone', newInt(offset));
  moduleSet(m, 'altzone', newInt(offset));
  moduleSet(m, 'daylight', newInt(0));
  moduleSet(m, 'tzname', newTuple([newStr(zoneName()), newStr(zoneName())]));
  return m;
}

provideModule('time', () => {
  let m = rt.state.get('time') as PyModule | undefined;
  if (!m) {
    m = createTimeModule();
    rt.state.set('time', m);
  }
  return newref(m);
});
