"""The comparison CNN (issue 4) in PyTorch on the CPU, for bench/training.bench.ts.
Same layers as src/core/training/model.ts (ReLU), Adam(lr=1e-3) with value clipping 0.5,
categorical cross-entropy, batch 128. Prints one JSON line: samples/s (wall clock, and per
second of this process's CPU time), first-batch time.
Usage: /usr/bin/python3 bench/torch_cnn.py <samples> <threads>"""
import json, sys, time
import torch
import torch.nn as nn

samples, threads = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(samples, 1, 28, 28)
y = torch.randint(0, 10, (samples,))
loss_fn = nn.CrossEntropyLoss()
model.train()
t0 = time.perf_counter()
c0 = time.process_time()
first = None
for s in range(0, samples, 128):
    opt.zero_grad()
    loss = loss_fn(model(x[s:s + 128]), y[s:s + 128])
    loss.backward()
    nn.utils.clip_grad_value_(model.parameters(), 0.5)
    opt.step()
    loss.item()
    if first is None:
        first = time.perf_counter() - t0
elapsed = time.perf_counter() - t0
cpu = time.process_time() - c0
print(json.dumps({'samplesPerSecond': samples / elapsed, 'cpuSamplesPerSecond': samples / cpu, 'firstBatchMs': first * 1000}))
