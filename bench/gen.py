# gen.py N S SEED [FIRST]  >  git fast-import stream
#
# The deterministic data set of peer-benchmark.md §5.2: N leaves of S random bytes, leaf i in directory
# d{i mod 256:02x} as file f{i:07d}, one commit on refs/heads/main. Leaf i's bytes depend only on SEED and i.
# Usage: python3 gen.py 100000 1024 1 | git -C src fast-import --quiet
#
# With FIRST (an extension for the incremental run R3) the stream holds leaves FIRST .. FIRST+N-1 instead, and
# its commit is a child of the current main ("from refs/heads/main^0"), adding those files to the same
# directories. Without FIRST the output is byte for byte that of the generator in peer-benchmark.md §5.2.
# BenchData (load/append) reads the same stream, so git and chum-sync get the same leaf bytes.
import random, sys
N, S, SEED = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
FIRST = int(sys.argv[4]) if len(sys.argv) > 4 else 0
w = sys.stdout.buffer.write
for k in range(N):
    data = random.Random(SEED * 1_000_003 + FIRST + k).randbytes(S)
    w(b"blob\nmark :%d\ndata %d\n" % (k + 1, S)); w(data); w(b"\n")
if FIRST == 0:
    w(b"commit refs/heads/main\ncommitter b <b@x> 0 +0000\ndata 4\nbulk\n")
else:
    w(b"commit refs/heads/main\ncommitter b <b@x> 0 +0000\ndata 4\nmore\nfrom refs/heads/main^0\n")
for k in range(N):
    i = FIRST + k
    w(b"M 100644 :%d d%02x/f%07d\n" % (k + 1, i % 256, i))
w(b"\n")
