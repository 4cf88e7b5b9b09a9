"""Measures `opsbook serve`: saves an edit to one page N times and times each from the
write to the moment the server returns the page with the edit. Prints median and max ms."""
import sys
import time
import urllib.request

base, path, url, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
original = open(path, encoding="utf-8").read()
times = []
try:
    for _ in range(count):
        marker = f"编辑标记-{time.time_ns()}"
        start = time.perf_counter()
        with open(path, "w", encoding="utf-8") as file:
            file.write(original + f"\n\n{marker}\n")
        while marker not in urllib.request.urlopen(base + url).read().decode():
            time.sleep(0.002)
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.3)
finally:
    with open(path, "w", encoding="utf-8") as file:
        file.write(original)
times.sort()
print(f"{times[len(times) // 2]:.0f} {times[-1]:.0f}")
