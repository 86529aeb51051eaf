from __future__ import annotations
from typing import Dict, Optional
def f(a: Dict[str, int], b: int | None = None, *c: 'Node', d: list[tuple[int, ...]] = []) -> Optional[str]:
    return None
print(f.__annotations__)
class C:
    x: int
    y: dict[str, 'C'] = {}
print(C.__annotations__)
import __future__
print(__future__.annotations)
