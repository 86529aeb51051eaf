/**
 * The string module: its constants, capwords, Template ($-substitution, parsed by hand
 * since heapscope has no re module) and Formatter. Written for heapscope.
 */
import { newModule, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newref } from '../heap/refcount.js';
import { rt } from '../runtime.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';

const STRING_PY = String.raw`
__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits", "hexdigits",
           "octdigits", "printable", "punctuation", "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_` + '`' + String.raw`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string"""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_sentinel_dict = {}


def _identifier_at(text, i):
    j = i
    if j < len(text) and (text[j].isalpha() and text[j].isascii() or text[j] == '_'):
        j += 1
        while j < len(text) and (text[j].isascii() and text[j].isalnum() or text[j] == '_'):
            j += 1
    return text[i:j]


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

    def _substitute(self, lookup, safe):
        text = self.template
        delim = self.delimiter
        out = []
        i = 0
        while True:
            j = text.find(delim, i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j])
            k = j + len(delim)
            if text.startswith(delim, k):
                out.append(delim)
                i = k + len(delim)
                continue
            if text.startswith('{', k):
                name = _identifier_at(text, k + 1)
                if name and text.startswith('}', k + 1 + len(name)):
                    end = k + 2 + len(name)
                else:
                    if safe:
                        out.append(delim)
                        i = k
                        continue
                    self._invalid(k)
            else:
                name = _identifier_at(text, k)
                if not name:
                    if safe:
                        out.append(delim)
                        i = k
                        continue
                    self._invalid(k)
                end = k + len(name)
            try:
                out.append('%s' % (lookup(name),))
            except KeyError:
                if not safe:
                    raise
                out.append(text[j:end])
            i = end
        return ''.join(out)

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        return self._substitute(lambda name: mapping[name], False)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        return self._substitute(lambda name: mapping[name], True)

    def is_valid(self):
        try:
            self._substitute(lambda name: '', False)
        except ValueError:
            return False
        return True

    def get_identifiers(self):
        ids = []
        text = self.template
        i = 0
        while True:
            j = text.find(self.delimiter, i)
            if j < 0:
                break
            k = j + len(self.delimiter)
            if text.startswith(self.delimiter, k):
                i = k + len(self.delimiter)
                continue
            if text.startswith('{', k):
                name = _identifier_at(text, k + 1)
                i = k + 2 + len(name)
            else:
                name = _identifier_at(text, k)
                i = k + max(len(name), 0)
            if name and name not in ids:
                ids.append(name)
        return ids


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))
`;

provideModule('string', () => {
  let m = rt.state.get('string') as PyModule | undefined;
  if (!m) {
    m = newModule('string');
    runPythonModuleSource(m, STRING_PY, '<heapscope string>');
    rt.state.set('string', m);
  }
  return newref(m);
});
