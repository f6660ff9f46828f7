"""The whole comparison workload in PyTorch on the CPU, for bench/engine.bench.ts: the
comparison CNN (src/core/training/model.ts) trained once per activation, one after another,
each for <epochs> epochs over <train> samples (batch 128, Adam lr 1e-3, value clipping 0.5,
cross-entropy), with validation on <test> samples after every epoch (eval mode, no_grad,
batch 512, as src/core/training/trainLoop.ts). Model building is timed, as in our engine.
Usage: /usr/bin/python3 bench/torch_workload.py <activations comma-separated> <epochs> <train> <test> <threads>
<threads> 0 means os.cpu_count() (Debian's torch defaults to one thread).
Prints one JSON line: {"seconds", "threads", "samplesPerSecond"} (training samples / whole time)."""
import json, os, sys, time
import torch
import torch.nn as nn

acts, epochs, n_train, n_test, threads = sys.argv[1].split(','), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
threads = threads or os.cpu_count()
torch.set_num_threads(threads)
torch.manual_seed(0)
ACT = {'relu': nn.ReLU, 'gelu': nn.GELU, 'tanh': nn.Tanh, 'elu': nn.ELU, 'selu': nn.SELU, 'sigmoid': nn.Sigmoid}
x = torch.rand(n_train, 1, 28, 28)
y = torch.randint(0, 10, (n_train,))
xt = torch.rand(n_test, 1, 28, 28)
yt = torch.randint(0, 10, (n_test,))
loss_fn = nn.CrossEntropyLoss(reduction='sum')

t0 = time.perf_counter()
for name in acts:
    A = ACT[name]
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), A(), nn.Conv2d(32, 64, 3), A(), nn.MaxPool2d(2),
        nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), A(), nn.Dropout(0.5), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(n_train)
        for s in range(0, n_train, 128):
            idx = perm[s:s + 128]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx]) / len(idx)
            loss.backward()
            nn.utils.clip_grad_value_(model.parameters(), 0.5)
            opt.step()
            loss.item()
        model.eval()
        with torch.no_grad():
            total = 0.0
            for s in range(0, n_test, 512):
                p = model(xt[s:s + 512])
                total += loss_fn(p, yt[s:s + 512]).item() + (p.argmax(1) == yt[s:s + 512]).sum().item()
elapsed = time.perf_counter() - t0
print(json.dumps({'seconds': elapsed, 'threads': threads, 'samplesPerSecond': len(acts) * epochs * n_train / elapsed}))
