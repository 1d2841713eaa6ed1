"""How the national bench measures the workers' memory."""

import subprocess
import sys
import time

from bench.bench_national import _trees_kb

# 200 MB written by a parent that then forks: the child shares every page.
_FORKED = """
import os, sys, time
block = bytearray(200 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
if os.fork() == 0:
    time.sleep(5)  # outlives the test, not by much
    os._exit(0)
print("ready", flush=True)
time.sleep(30)
"""


def test_pages_a_fork_shares_with_its_parent_count_once():
    parent = subprocess.Popen([sys.executable, "-c", _FORKED], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        held_mb = _trees_kb([parent.pid]) / 1024
        # The sum of each process's own peak (the old figure) says ~400 MB.
        assert 190 < held_mb < 300
    finally:
        parent.kill()
        parent.wait()
