"""Python peers for bench/peers.ts (called with file paths; prints one JSON object on stdout).

  peers.py threads EDGES.tsv OURS_PARTITION.tsv RUNS   igraph community_multilevel + networkx louvain_communities
  peers.py text TEXTS.jsonl OURS_TOP.tsv K SAMPLE.txt  scikit-learn TfidfVectorizer + sparse cosine top-k

EDGES.tsv: "a<TAB>b<TAB>weight" (0-based node numbers; first line "# n"). OURS_PARTITION.tsv: one
community number per line, node order. TEXTS.jsonl: one JSON string per line (title ×2 + abstract,
as litgraph weighs titles). OURS_TOP.tsv: per document its top-k neighbour numbers, tab-separated.
"""
import json
import statistics
import sys
import time


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def threads(edges_path, ours_path, runs):
    import igraph as ig
    import networkx as nx

    with open(edges_path) as f:
        n = int(f.readline().split()[1])
        src, dst, w = [], [], []
        for line in f:
            a, b, x = line.split('\t')
            src.append(int(a)); dst.append(int(b)); w.append(float(x))
    edges = list(zip(src, dst))
    ours = [int(l) for l in open(ours_path)]
    out = {'nodes': n, 'edges': len(edges)}

    g = ig.Graph(n=n, edges=edges, directed=False)
    g.es['weight'] = w
    times, parts = [], []
    for r in range(runs):
        import random
        random.seed(42 + r)
        t = time.perf_counter()
        p = g.community_multilevel(weights='weight')
        times.append(time.perf_counter() - t)
        parts.append(p)
    best = parts[times.index(sorted(times)[len(times) // 2])]
    out['igraph'] = {'seconds': statistics.median(times), 'runs': times, 'own_modularity': best.modularity,
                     'communities': len(best), 'membership': best.membership}
    out['igraph_modularity_of_ours'] = g.modularity(ours, weights='weight')
    log(f'  igraph: {statistics.median(times):.3f} s, Q={best.modularity:.4f}')

    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(zip(src, dst, w))
    nx_runs = max(1, min(runs, 2))
    times, comms = [], None
    for r in range(nx_runs):
        t = time.perf_counter()
        c = nx.community.louvain_communities(G, weight='weight', seed=42 + r)
        times.append(time.perf_counter() - t)
        comms = comms or c
    out['networkx'] = {'seconds': statistics.median(times), 'runs': times, 'communities': len(comms)}
    log(f'  networkx: {statistics.median(times):.3f} s')

    def to_sets(membership):
        by = {}
        for node, c in enumerate(membership):
            by.setdefault(c, set()).add(node)
        return list(by.values())

    t = time.perf_counter()
    out['nx_modularity'] = {
        'ours': nx.community.modularity(G, to_sets(ours), weight='weight'),
        'igraph': nx.community.modularity(G, to_sets(out['igraph']['membership']), weight='weight'),
        'networkx': nx.community.modularity(G, comms, weight='weight'),
    }
    log(f'  nx modularity of the three partitions: {time.perf_counter() - t:.1f} s')
    out['networkx']['own_modularity'] = out['nx_modularity']['networkx']
    out['ours_communities'] = len(set(ours))
    del out['igraph']['membership']
    return out


def text(texts_path, ours_path, k, sample_path):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [json.loads(l) for l in open(texts_path)]
    ours = [[int(x) for x in l.rstrip('\n').split('\t') if x] for l in open(ours_path)]
    sample = [int(l) for l in open(sample_path) if l.strip()]
    n = len(docs)
    t = time.perf_counter()
    vec = TfidfVectorizer(sublinear_tf=True, stop_words='english', dtype=np.float32)
    X = vec.fit_transform(docs).tocsr()
    build = time.perf_counter() - t
    log(f'  sklearn fit_transform: {build:.2f} s, {X.shape[1]} terms, {X.nnz} nonzeros')
    XT = X.T.tocsr()

    def topk_rows(rows):
        S = (X[rows] @ XT).toarray()
        S[np.arange(len(rows)), rows] = -1.0
        idx = np.argpartition(-S, k, axis=1)[:, :k]
        part = np.take_along_axis(S, idx, axis=1)
        order = np.argsort(-part, axis=1, kind='stable')
        return np.take_along_axis(idx, order, axis=1), np.take_along_axis(part, order, axis=1)

    # all-pairs top-k, in chunks of rows (sparse product, dense top-k per chunk)
    chunk = 500
    t = time.perf_counter()
    top = np.empty((n, k), dtype=np.int64)
    for s in range(0, n, chunk):
        rows = np.arange(s, min(n, s + chunk))
        top[rows], _ = topk_rows(rows)
    allpairs = time.perf_counter() - t
    log(f'  sklearn all-pairs top-{k}: {allpairs:.2f} s')

    # single-query latency on the sample (one row at a time, as a query would run)
    lat = []
    for d in sample[:300]:
        t = time.perf_counter()
        topk_rows(np.array([d]))
        lat.append(time.perf_counter() - t)
    lat.sort()

    overlap = []
    for d in sample:
        a = set(ours[d][:k])
        b = set(int(x) for x in top[d][:k])
        if b:
            overlap.append(len(a & b) / k)
    return {'docs': n, 'terms': X.shape[1], 'nnz': int(X.nnz), 'build_s': build, 'allpairs_s': allpairs,
            'per_doc_ms': allpairs / n * 1000, 'single_query_ms_p50': lat[len(lat) // 2] * 1000,
            'single_query_ms_p95': lat[int(0.95 * len(lat))] * 1000,
            'overlap_ours_sklearn': sum(overlap) / len(overlap), 'sample': len(sample),
            'top': {str(d): [int(x) for x in top[d]] for d in sample}}


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'threads':
        res = threads(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == 'text':
        res = text(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        raise SystemExit(f'unknown mode {mode}')
    print(json.dumps(res))
