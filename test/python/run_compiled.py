# Runs the Python source on stdin as if it were the main script, but compiled by compile():
# its parse tree is freed before it runs, so its literals hold no extra references.
# Usage: python3 run_compiled.py FILENAME exec < FILE   (this file has no literals of its own)
import sys
_, path, mode = sys.argv
exec(compile(sys.stdin.read(), path, mode))
