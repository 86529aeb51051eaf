class ConfigError(Exception):
    pass

def load():
    try:
        return int("not a number")
    except ValueError as e:
        raise ConfigError("bad config") from e

load()
