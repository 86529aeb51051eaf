# What escapes a try/except*: the exceptions raised in handlers beside the re-raised,
# unhandled parts of the original group, in a new group with an empty message.
class Resource:
    def __init__(self, name):
        self.name = name
    def close(self):
        if self.name == "db":
            raise ConnectionError(f"{self.name} refused to close")
        if self.name == "cache":
            raise TimeoutError(f"{self.name} timed out")
        raise PermissionError(f"{self.name} is read-only")

def close_all(resources):
    errors = []
    for r in resources:
        try:
            r.close()
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("closing failed", errors)

def shutdown():
    try:
        close_all([Resource("db"), Resource("cache"), Resource("log")])
    except* TimeoutError as timeouts:
        print("retrying", [str(e) for e in timeouts.exceptions])
        raise RuntimeError("retry failed")
    except* PermissionError:
        print("permission errors are fatal")
        raise

shutdown()
