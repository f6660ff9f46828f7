"""The comparison CNN (issue 4) in PyTorch, for bench/training.bench.ts (CPU) and
`activation-lab benchmark --torch` (CUDA, the portable GPU bundle).
Same layers as src/core/training/model.ts (ReLU), Adam(lr=1e-3) with value clipping 0.5,
categorical cross-entropy. Prints one JSON line: samples/s over the timed batches (wall clock,
and per second of this process's CPU time), the first batch's time and the device.
Usage: python3 bench/torch_cnn.py <samples> <threads> [cpu|cuda] [batch=128] [warmup batches=0]
On CUDA the clock stops after torch.cuda.synchronize(), so queued kernels are counted."""
import json, sys, time
import torch
import torch.nn as nn

samples, threads = int(sys.argv[1]), int(sys.argv[2])
device = sys.argv[3] if len(sys.argv) > 3 else 'cpu'
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 128
warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 0
torch.set_num_threads(threads)
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10)).to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(samples, 1, 28, 28, device=device)
y = torch.randint(0, 10, (samples,), device=device)
loss_fn = nn.CrossEntropyLoss()
model.train()


def sync():
    if device == 'cuda':
        torch.cuda.synchronize()


def step(s):
    opt.zero_grad()
    loss = loss_fn(model(x[s:s + batch]), y[s:s + batch])
    loss.backward()
    nn.utils.clip_grad_value_(model.parameters(), 0.5)
    opt.step()
    loss.item()


starts = list(range(0, samples, batch))
t0 = time.perf_counter()
for s in starts[:warmup]:
    step(s)
sync()
first = None
t1 = time.perf_counter()
c1 = time.process_time()
timed = 0
for s in starts[warmup:]:
    step(s)
    timed += min(batch, samples - s)
    if first is None:
        sync()
        first = time.perf_counter() - (t1 if warmup else t0)
sync()
elapsed = time.perf_counter() - t1
cpu = time.process_time() - c1
name = torch.cuda.get_device_name(0) if device == 'cuda' else 'cpu'
print(json.dumps({'samplesPerSecond': timed / elapsed, 'cpuSamplesPerSecond': timed / cpu, 'firstBatchMs': (first or 0) * 1000, 'device': name}))
