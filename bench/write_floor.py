"""The kernel's share of a build: writes a built site's files again, byte for byte, into a
folder that does not exist yet, and prints "wall_s sys_s" of the writing alone.

Python's own work (reading the site first, the loop) is user time; what the kernel spends
creating folders and files and copying their bytes is sys time, the same for any program
that writes these files. The sys seconds are the part of a build's CPU that no change to
Opsbook's code can remove (issue #14 counts the kernel's file writes as a floor).
    python3 bench/write_floor.py SITE DESTINATION
"""
import os
import resource
import sys
import time

source, destination = sys.argv[1], sys.argv[2]
files = []
for root, _, names in os.walk(source):
    for name in names:
        path = os.path.join(root, name)
        with open(path, "rb") as handle:
            files.append((os.path.relpath(path, source), handle.read()))
files.sort()
os.sync()  # no writeback of the reading or of an earlier step during the measurement

before, started = resource.getrusage(resource.RUSAGE_SELF), time.time()
made = set()
for relative, data in files:
    path = os.path.join(destination, relative)
    folder = os.path.dirname(path)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]
    os.close(descriptor)
wall, after = time.time() - started, resource.getrusage(resource.RUSAGE_SELF)
print(f"{wall:.2f} {after.ru_stime - before.ru_stime:.2f}")
