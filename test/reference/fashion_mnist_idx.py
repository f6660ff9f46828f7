"""Reference facts about Debian's Fashion-MNIST IDX files (package dataset-fashion-mnist),
read with Python's gzip + struct only (independent of our TypeScript IDX parser).
Run: python3 test/reference/fashion_mnist_idx.py > test/reference/fashion_mnist_idx.json
Format: Xiao, Rasul & Vollgraf 2017 (Fashion-MNIST), same IDX layout as LeCun's MNIST page."""
import gzip, json, struct, sys

FOLDER = '/usr/share/datasets/fashion-mnist'
out = {'source': 'python3 test/reference/fashion_mnist_idx.py (gzip + struct) on ' + FOLDER, 'files': {}}
for prefix in ('train', 't10k'):
    with gzip.open(f'{FOLDER}/{prefix}-images-idx3-ubyte.gz') as f:
        data = f.read()
    magic, n, rows, cols = struct.unpack('>IIII', data[:16])
    px = data[16:]
    assert len(px) == n * rows * cols
    with gzip.open(f'{FOLDER}/{prefix}-labels-idx1-ubyte.gz') as f:
        ldata = f.read()
    lmagic, ln = struct.unpack('>II', ldata[:8])
    labels = ldata[8:]
    out['files'][prefix] = {
        'imagesMagic': magic, 'labelsMagic': lmagic, 'count': n, 'rows': rows, 'cols': cols,
        'labelCount': ln, 'firstLabels': list(labels[:10]),
        'classCounts': [labels.count(bytes([k])) for k in range(10)],
        'pixelSum': sum(px), 'firstImagePixelSum': sum(px[:rows * cols]),
        'lastImagePixelSum': sum(px[-rows * cols:]),
    }
json.dump(out, sys.stdout, indent=1)
print()
