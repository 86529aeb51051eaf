# `return` may not leave an except* block: a compile-time error for the whole script.
print("never printed")

def first_error(group):
    try:
        raise group
    except* ValueError as matched:
        return matched.exceptions[0]
