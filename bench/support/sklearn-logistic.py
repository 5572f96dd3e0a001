# The reference for bench/ewis.bench.ts: scikit-learn's LogisticRegression on the same standardized features and L2
# strength, timed here. Reads X (float64, n x p, row-major) and y (uint8) written by the benchmark; prints JSON.
import json, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

path, n, p, n_train, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
x = np.fromfile(path + '.x', dtype=np.float64).reshape(n, p)
y = np.fromfile(path + '.y', dtype=np.uint8)
model = LogisticRegression(C=c, solver='lbfgs', max_iter=1000)
start = time.perf_counter()
model.fit(x[:n_train], y[:n_train])
seconds = time.perf_counter() - start
auc = roc_auc_score(y[n_train:], model.predict_proba(x[n_train:])[:, 1])
print(json.dumps({'seconds': seconds, 'auc': auc, 'iterations': int(model.n_iter_[0])}))
