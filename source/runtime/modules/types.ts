/**
 * The types module: names for the interpreter's own types, and SimpleNamespace (a small
 * object with a real __dict__: getsizeof 40, like namespaceobject.c).
 */
import { PyObject, PyType, EQ, NE, type Visit } from '../objects/object.js';
import { nativeType, defineGetter } from '../objects/native-type.js';
import { newModule, moduleSet, moduleType, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNotImplemented, noneType, ellipsisType, notImplementedType } from '../objects/singletons.js';
import { PyStr, internStr, newStr } from '../objects/str.js';
import { PyDict, newDict, dictGetStr, dictSetSteal, dictDelStr, dictItems } from '../objects/dict.js';
import { bindArgs, positional } from '../builtins/args.js';
import { repr, reprEnter, reprLeave, richCompare, typeName, hashNotImplemented } from '../protocols/abstract.js';
import {
  functionType, methodType, builtinFunctionType, codeType, cellType, methodDescriptorType, classmethodDescriptorType, newMethod,
} from '../objects/function.js';
import { generatorType } from '../objects/generator.js';
import { frameType, tracebackType } from '../interpreter/traceback.js';
import { getsetDescriptorType, memberDescriptorType } from '../objects/descriptors.js';
import { mappingProxyType } from '../objects/mappingproxy.js';
import { genericAliasType, unionType } from '../objects/generic-alias.js';
import { None } from '../objects/singletons.js';
import { labelSlot } from '../objects/slot-labels.js';

export class PyNamespace extends PyObject {
  constructor(
    type: PyType,
    public dict: PyDict,
  ) {
    super(type);
  }
}

const dictSlot = () => labelSlot('__dict__');

function createSimpleNamespaceType(): PyType {
  const t = nativeType('SimpleNamespace', { module: 'types', gc: true, ownDict: true, basicSize: 24 }, (t) => {
    t.newInstance = (type) => {
      const d = newDict();
      const ns = new PyNamespace(type, d);
      rt.heap.allocate(ns, true);
      rt.ev.refAdded(ns.serial, d.serial, dictSlot());
      return ns;
    };
    t.init = (o, args, kw) => {
      const nkw = kw ? kw.length : 0;
      if (args.length > nkw) throw pyError(E.TypeError!, 'no positional arguments expected');
      const d = (o as PyNamespace).dict;
      for (let i = 0; i < nkw; i++) {
        dictSetSteal(d, internStr(kw![i]!), newref(args[args.length - nkw + i]!));
      }
    };
    t.traverse = (o, visit: Visit) => visit((o as PyNamespace).dict, dictSlot());
    t.clear = (o) => {
      const ns = o as PyNamespace;
      const old = ns.dict;
      ns.dict = newDict();
      rt.ev.refRemoved(ns.serial, old.serial, dictSlot());
      rt.ev.refAdded(ns.serial, ns.dict.serial, dictSlot());
      decref(old);
    };
    t.dealloc = (o) => decref((o as PyNamespace).dict);
    t.instanceGet = (o, name) => dictGetStr((o as PyNamespace).dict, name);
    t.instanceSet = (o, name, v) => {
      const d = (o as PyNamespace).dict;
      if (v === null) return dictDelStr(d, name);
      dictSetSteal(d, internStr(name), v);
      return true;
    };
    t.repr = (o) => {
      const name = o.type === t ? 'namespace' : o.type.name;
      if (!reprEnter(o)) return newStr(`${name}(...)`);
      try {
        const parts: string[] = [];
        for (const [k, v] of dictItems((o as PyNamespace).dict)) {
          if (k instanceof PyStr) parts.push(`${k.v}=${repr(v)}`);
        }
        return newStr(`${name}(${parts.join(', ')})`);
      } finally {
        reprLeave(o);
      }
    };
    t.richcompare = (o, other, op) => {
      if ((op === EQ || op === NE) && other instanceof PyNamespace && other.type.isSubtypeOf(t)) {
        return richCompare((o as PyNamespace).dict, other.dict, op);
      }
      return newNotImplemented();
    };
    t.hash = hashNotImplemented;
  });
  defineGetter(t, '__dict__', (o) => newref((o as PyNamespace).dict));
  return t;
}

function createTypesModule(): PyModule {
  const m = newModule('types');
  const put = (name: string, t: PyType) => moduleSet(m, name, newref(t));
  put('FunctionType', functionType);
  put('LambdaType', functionType);
  put('GeneratorType', generatorType);
  put('CodeType', codeType);
  put('CellType', cellType);
  put('MethodType', methodType);
  put('BuiltinFunctionType', builtinFunctionType);
  put('BuiltinMethodType', builtinFunctionType);
  put('MethodDescriptorType', methodDescriptorType);
  put('ClassMethodDescriptorType', classmethodDescriptorType);
  put('GetSetDescriptorType', getsetDescriptorType);
  put('MemberDescriptorType', memberDescriptorType);
  put('ModuleType', moduleType);
  put('FrameType', frameType);
  put('TracebackType', tracebackType);
  put('MappingProxyType', mappingProxyType);
  put('GenericAlias', genericAliasType);
  put('UnionType', unionType);
  put('NoneType', noneType);
  put('EllipsisType', ellipsisType);
  put('NotImplementedType', notImplementedType);
  let ns = rt.state.get('types.SimpleNamespace') as PyType | undefined;
  if (!ns) {
    ns = createSimpleNamespaceType();
    rt.state.set('types.SimpleNamespace', ns);
  }
  put('SimpleNamespace', ns);
  return m;
}

/** types.ModuleType(name, doc=None) and types.MethodType(func, obj). */
function installConstructors(): void {
  if (moduleType.newInstance === null || moduleType.newInstance === moduleType.base?.newInstance) {
    moduleType.newInstance = (_t, args, kw) => {
      const [name, doc] = bindArgs('module', args, kw, ['name', 'doc'], 1);
      if (!(name instanceof PyStr)) throw pyError(E.TypeError!, `module.__init__() argument 'name' must be str, not ${typeName(name!)}`);
      const mod = newModule(name.v);
      mod.builtin = false;
      if (doc !== undefined) dictSetSteal(mod.dict, internStr('__doc__'), newref(doc));
      return mod;
    };
    moduleType.init = () => {};
  }
  methodType.newInstance = (_t, args, kw) => {
    const [func, self] = positional('method', args, kw, 2, 2);
    if (func!.type.call === null) throw pyError(E.TypeError!, 'first argument must be callable');
    if (self === None) throw pyError(E.TypeError!, 'instance must not be None');
    return newMethod(newref(func!), newref(self!));
  };
}

provideModule('types', () => {
  installConstructors();
  return createTypesModule();
});


