/**
 * The json module: the encoder and the scanner natively (as _json is in C), the
 * classes and functions in Python (json-py.ts). json.encoder and json.decoder are
 * importable for their class names.
 */
import { PyObject } from '../../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../../objects/module.js';
import { provideModule, importModule } from '../importer.js';
import { decref, newref } from '../../heap/refcount.js';
import { rt } from '../../runtime.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None } from '../../objects/singletons.js';
import { newInt } from '../../objects/int.js';
import { PyStr, newStr } from '../../objects/str.js';
import { newTuple } from '../../objects/tuple.js';
import { newBuiltinFunction } from '../../objects/function.js';
import { positional } from '../../builtins/args.js';
import { getAttr, indexValue, isTrue, typeName } from '../../protocols/abstract.js';
import { runPythonModuleSource } from '../../interpreter/python-module.js';
import { encode, encodeString } from './encoder.js';
import { scan, skipWhitespace, JsonError } from './decoder.js';
import { JSON_PY } from './json-py.js';

function str(o: PyObject, what: string): string {
  if (!(o instanceof PyStr)) throw pyError(E.TypeError!, `${what} must be str, not ${typeName(o)}`);
  return o.v;
}

const orNull = (o: PyObject | undefined) => (o === undefined || o === None ? null : o);

function createJsonModule(): PyModule {
  const m = newModule('json');
  const def = (name: string, impl: (args: PyObject[]) => PyObject) =>
    moduleSet(m, name, newBuiltinFunction(name, (_s, args, kw) => impl(positional(name, args, kw, 0, 12)), m));
  def('_encode', (a) =>
    newStr(
      encode(a[0]!, {
        defaultFn: a[1]!,
        indent: a[2] === None ? null : str(a[2]!, 'indent'),
        itemSeparator: str(a[3]!, 'item separator'),
        keySeparator: str(a[4]!, 'key separator'),
        sortKeys: isTrue(a[5]!),
        skipKeys: isTrue(a[6]!),
        ensureAscii: isTrue(a[7]!),
        checkCircular: isTrue(a[8]!),
        allowNan: isTrue(a[9]!),
        recursionWhere: a[2] === None ? ' while encoding a JSON object' : ' while calling a Python object',
      }),
    ),
  );
  def('_encode_string', (a) => newStr(encodeString(str(a[0]!, 'string'), isTrue(a[1]!))));
  def('_skip_ws', (a) => newInt(skipWhitespace(str(a[0]!, 'document'), Number(indexValue(a[1]!)))));
  def('_scan', (a) => {
    const s = str(a[0]!, 'document');
    try {
      const [value, end] = scan(s, Number(indexValue(a[1]!)), {
        objectHook: orNull(a[2]),
        objectPairsHook: orNull(a[3]),
        parseFloat: orNull(a[4]),
        parseInt: orNull(a[5]),
        parseConstant: orNull(a[6]),
      });
      return newTuple([value, newInt(end)]);
    } catch (e) {
      if (e instanceof JsonError) return newTuple([newStr('error'), newStr(e.msg), newInt(e.pos)]);
      throw e;
    }
  });
  runPythonModuleSource(m, JSON_PY, '<heapscope json>');
  return m;
}

function json(): PyModule {
  let m = rt.state.get('json') as PyModule | undefined;
  if (!m) {
    m = createJsonModule();
    rt.state.set('json', m);
  }
  return m;
}

provideModule('json', () => newref(json()));

/** json.decoder / json.encoder: the classes under their home module names. */
function submodule(name: string, names: string[]) {
  provideModule(name, () => {
    const parent = importModule('json', null, true);
    decref(parent);
    const m = newModule(name);
    for (const n of names) moduleSet(m, n, getAttr(json(), n));
    return m;
  });
}
submodule('json.decoder', ['JSONDecoder', 'JSONDecodeError']);
submodule('json.encoder', ['JSONEncoder']);
