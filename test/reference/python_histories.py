"""Training histories as Python writes them, for the tests of Open Results / `render`.

Run: /usr/bin/python3 test/reference/python_histories.py  (torch 1.13, Debian python3-torch).
Writes test/reference/histories/:
- torch_history.json: a real PyTorch loop (a small MLP on synthetic 2-class data) saved as a
  dict of lists with json.dump, names train_loss / train_acc / val_loss / val_acc.
- keras_history.json: the same numbers as Keras' `history.history` of Keras <= 2.2 (keys
  acc, loss, val_acc, val_loss, lr) with a diverged last epoch, saved by json.dump with its
  default allow_nan=True, so the file holds the bare tokens NaN, Infinity, -Infinity.
- keras_csvlogger.csv: what keras.callbacks.CSVLogger writes for those logs
  (keras/src/callbacks/csv_logger.py, Keras 3.x: csv.DictWriter with the csv.excel dialect,
  so CRLF line ends; header "epoch" + sorted(logs.keys()); a key missing from an epoch's logs,
  e.g. val_* with validation_freq=2, is written "NA"; floats as str(), so nan / inf).
- expected.json: every series as Python reads it back (json.loads / float()), non-finite
  values as null, for the test to compare against.
"""
import collections
import csv
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), 'histories')
os.makedirs(OUT, exist_ok=True)

torch.manual_seed(7)
x = torch.randn(256, 4)
y = (x[:, 0] + 0.5 * x[:, 1] > 0).long()
xt, yt, xv, yv = x[:192], y[:192], x[192:], y[192:]
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
loss_fn = torch.nn.CrossEntropyLoss()
hist = {'train_loss': [], 'train_acc': [], 'val_loss': [], 'val_acc': []}
for epoch in range(5):
    model.train()
    opt.zero_grad()
    out = model(xt)
    loss = loss_fn(out, yt)
    loss.backward()
    opt.step()
    hist['train_loss'].append(loss.item())
    hist['train_acc'].append((out.argmax(1) == yt).float().mean().item())
    model.eval()
    with torch.no_grad():
        ov = model(xv)
        hist['val_loss'].append(loss_fn(ov, yv).item())
        hist['val_acc'].append((ov.argmax(1) == yv).float().mean().item())

with open(os.path.join(OUT, 'torch_history.json'), 'w') as f:
    json.dump(hist, f)

# Keras <= 2.2 names; the last epoch diverged (loss inf, accuracy of nan outputs, val nan).
keras = {
    'acc': hist['train_acc'][:4] + [float('nan')],
    'loss': hist['train_loss'][:4] + [float('inf')],
    'val_acc': hist['val_acc'][:4] + [float('nan')],
    'val_loss': hist['val_loss'][:4] + [float('-inf')],
    'lr': [0.05] * 5,
}
with open(os.path.join(OUT, 'keras_history.json'), 'w') as f:
    json.dump(keras, f)

# CSVLogger.on_epoch_end, Keras 3.x, with validation every second epoch (validation_freq=2).
logs_per_epoch = []
for e in range(4):
    logs = {'accuracy': hist['train_acc'][e], 'loss': hist['train_loss'][e]}
    if e % 2 == 1:
        logs.update({'val_accuracy': hist['val_acc'][e], 'val_loss': hist['val_loss'][e]})
    logs_per_epoch.append(logs)
with open(os.path.join(OUT, 'keras_csvlogger.csv'), 'w', newline='') as f:
    keys = None
    writer = None
    for epoch, logs in enumerate(logs_per_epoch):
        if keys is None:
            keys = sorted(logs.keys())
            if not any(k.startswith('val_') for k in keys):
                keys.extend(['val_' + k for k in keys])
        if writer is None:
            class CustomDialect(csv.excel):
                delimiter = ','
            writer = csv.DictWriter(f, fieldnames=['epoch'] + keys, dialect=CustomDialect)
            writer.writeheader()
        row = collections.OrderedDict({'epoch': epoch})
        row.update((k, logs.get(k, 'NA')) for k in keys)
        writer.writerow(row)


def finite_or_none(v):
    return v if isinstance(v, float) and math.isfinite(v) else None


with open(os.path.join(OUT, 'keras_csvlogger.csv'), newline='') as f:
    rows = list(csv.DictReader(f))
csv_back = {k: [finite_or_none(float(r[k])) if r[k] != 'NA' else None for r in rows] for k in rows[0] if k != 'epoch'}
with open(os.path.join(OUT, 'torch_history.json')) as f:
    torch_back = json.load(f)
with open(os.path.join(OUT, 'keras_history.json')) as f:
    keras_back = {k: [finite_or_none(v) for v in vs] for k, vs in json.load(f).items()}
with open(os.path.join(OUT, 'expected.json'), 'w') as f:
    json.dump({'torch_history.json': torch_back, 'keras_history.json': keras_back, 'keras_csvlogger.csv': csv_back}, f, indent=1)
