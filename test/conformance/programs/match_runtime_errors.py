# Errors raised while matching: the TypeErrors of class patterns, exceptions from the
# protocols a pattern calls, and the traceback of one that is not caught.

class NotTuple:
    __match_args__ = ["a"]
    a = 1
class BadName:
    __match_args__ = ("a", 2)
    a = 1
class Twice:
    __match_args__ = ("a",)
    a = 1
class NoArgs:
    pass

def attempt(label, subject, fn):
    try:
        print(label, fn(subject))
    except Exception as e:
        print(label, type(e).__name__, e)

def not_type(s):
    match s:
        case len():
            return "matched"
def not_tuple(s):
    match s:
        case NotTuple(x):
            return x
def bad_name(s):
    match s:
        case BadName(_, _):
            return "no"
def twice(s):
    match s:
        case Twice(x, a=y):
            return "no"
def too_many(s):
    match s:
        case NoArgs(1):
            return "no"
def too_many_builtin(s):
    match s:
        case int(1, 2):
            return "no"
def not_instance_first(s):
    match s:
        case NotTuple(x):
            return x
        case _:
            return "isinstance fails before __match_args__ is read"

attempt("not a type", 1, not_type)
attempt("not a tuple", NotTuple(), not_tuple)
attempt("element not a str", BadName(), bad_name)
attempt("attribute twice", Twice(), twice)
attempt("too many", NoArgs(), too_many)
attempt("too many (int)", 5, too_many_builtin)
attempt("other class", 5, not_instance_first)

class Bad:
    def __getattr__(self, name):
        raise KeyError(name)
def getattr_error(s):
    match s:
        case Bad(x=1):
            return "no"
attempt("attribute error that is not AttributeError", Bad(), getattr_error)

class Dup:
    k = "same"
    j = "same"
def duplicate_runtime_key(s):
    match s:
        case {Dup.k: 1, Dup.j: 2}:
            return "no"
attempt("duplicate key at run time", {"same": 1, "other": 2}, duplicate_runtime_key)

class BadLen(list):
    def __len__(self):
        raise ValueError("no len")
def bad_len(s):
    match s:
        case [1, 2]:
            return "no"
attempt("len raises", BadLen([1, 2]), bad_len)

class LyingLen(list):
    def __len__(self):
        return 3
def lying(s):
    match s:
        case [a, b, c]:
            return "no"
attempt("len lies", LyingLen([1, 2]), lying)

class EqRaises:
    def __eq__(self, other):
        raise RuntimeError("eq")
def eq_raises(s):
    match s:
        case 1:
            return "no"
attempt("__eq__ raises", EqRaises(), eq_raises)

def missing_name(s):
    match s:
        case Undefined():
            return "no"
attempt("unknown class", 1, missing_name)

class Cfg:
    pass
def missing_attr(s):
    match s:
        case Cfg.nothing:
            return "no"
attempt("value pattern attribute", 1, missing_attr)

def guard_raises(s):
    match s:
        case [x] if 1 / x:
            return "no"
attempt("guard raises", [0], guard_raises)

# the subject and captures are released when an error escapes
import sys
class Obj:
    def __del__(self):
        print("  released")
def escaping():
    match [Obj(), 0]:
        case [a, b] if 1 / b:
            pass
try:
    escaping()
except ZeroDivisionError:
    print("caught")

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

def locate(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x, y, z):
            return "3d"

print(locate(Point(0, 0)))
locate(Point(1, 2))
