# A pattern the parser rejects: CPython's message and caret.
print("never printed")
match {"key": 1}:
    case {"key": value} as _:
        print(value)
