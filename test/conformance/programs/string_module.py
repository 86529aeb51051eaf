# string: constants, capwords, Template substitution and its errors
import string
print(repr(string.whitespace), string.ascii_lowercase, string.ascii_uppercase, string.ascii_letters, string.digits, string.hexdigits, string.octdigits, string.punctuation, repr(string.printable))
print(string.capwords('hello   world  foo'), string.capwords('a-b-c', '-'))
t = string.Template('$who likes $what; $$5 ${who}s')
print(t.substitute(who='tim', what='pie'), t.substitute({'who': 'a', 'what': 'b'}), t.safe_substitute(who='x'), t.get_identifiers(), t.is_valid())
for bad in [lambda: t.substitute(who='x'), lambda: string.Template('$ x').substitute(), lambda: string.Template('ab\n cd $1').substitute()]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
print(string.Template('$ x').safe_substitute(), string.Formatter().format('{0}-{x}', 1, x=2))
import collections
counts = collections.Counter(c for c in "Hello, World! 123" if c in string.ascii_letters)
print(sorted(counts.items()))
