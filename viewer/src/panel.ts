/**
 * The side panel: a paper's title, authors, date, venue, abstract, links, entities and related
 * work with the reasons; an entity's, author's or thread's papers. All text via text nodes.
 */
import { loadDetails, neighbours, type Model, type NodeDetails, type PaperDetails } from './data.js';
import { byId, clear, el, link, truncate } from './dom.js';
import { nodeColor } from './colors.js';

const ROLE_TITLES: Record<string, string> = {
  method: 'Methods',
  dataset: 'Datasets',
  task: 'Tasks',
  metric: 'Metrics',
  repo: 'Code',
  author: 'Authors in the graph',
  org: 'Organisations',
  venue: 'Venue',
  category: 'Categories',
};

const ENTITY_ORDER = ['method', 'dataset', 'task', 'metric', 'repo', 'org', 'category', 'venue'];

export class Panel {
  private readonly root = byId('panel');
  private readonly body = byId('panel-body');
  private current: number | null = null;

  constructor(
    private readonly model: Model,
    private readonly select: (node: number) => void,
    onClose: () => void,
  ) {
    byId('panel-close').addEventListener('click', onClose);
  }

  hide(): void {
    this.current = null;
    this.root.hidden = true;
    clear(this.body);
  }

  /** A button that selects another node. */
  private nodeButton(i: number, max = 110): HTMLButtonElement {
    const kind = this.model.kind[i];
    const swatch = el('span', 'swatch');
    swatch.style.background = nodeColor(kind, this.model.data.nodes.thread[i]);
    const button = el('button', 'node-link', swatch, truncate(this.model.data.nodes.label[i], max));
    button.type = 'button';
    button.title = this.model.data.nodes.label[i];
    button.addEventListener('click', () => this.select(i));
    return button;
  }

  private section(title: string, ...children: (Node | null)[]): HTMLElement {
    return el('section', 'panel-section', el('h4', '', title), ...children);
  }

  private nodeList(nodes: number[], limit: number): HTMLElement {
    const list = el('ul', 'node-list');
    for (const i of nodes.slice(0, limit)) list.append(el('li', '', this.nodeButton(i)));
    if (nodes.length > limit) list.append(el('li', 'more', `and ${nodes.length - limit} more`));
    return list;
  }

  async show(i: number): Promise<void> {
    this.current = i;
    const { model } = this;
    const kind = model.kind[i];
    const nodes = model.data.nodes;
    clear(this.body);
    this.root.hidden = false;
    const badge = el('span', `badge badge-${kind}`, kind);
    const heading = el('h2', 'panel-title', nodes.label[i]);
    this.body.append(el('div', 'panel-head', badge), heading);
    const byKind = new Map<string, { node: number; edgeType: string }[]>();
    for (const nb of neighbours(model, i)) {
      const k = model.kind[nb.node];
      if (!byKind.has(k)) byKind.set(k, []);
      byKind.get(k)!.push(nb);
    }
    const byDegree = (a: number, b: number) => nodes.degree[b] - nodes.degree[a] || a - b;
    const t = nodes.thread[i];
    if (t >= 0 && kind !== 'thread') {
      const thread = model.data.threads[t];
      const node = thread.node >= 0 ? this.nodeButton(thread.node) : el('span', '', thread.label);
      this.body.append(el('p', 'thread-line', 'Thread: ', node));
    }

    let details: NodeDetails = null;
    try {
      details = await loadDetails(model, i);
    } catch (error) {
      this.body.append(el('p', 'error', (error as Error).message));
    }
    if (this.current !== i) return; // another node was picked meanwhile

    if (kind === 'paper') {
      this.renderPaper(i, details?.kind === 'paper' ? details : null, byKind);
    } else if (kind === 'thread') {
      const thread = model.data.threads[t];
      if (thread) {
        if (thread.terms.length) this.body.append(el('p', 'terms', `Terms: ${thread.terms.join(', ')}`));
        if (thread.years) this.body.append(el('p', 'meta', `Years: ${thread.years[0]}–${thread.years[1]}`));
        // What the thread's papers typically use, most typical first (threads.json's ranking, not re-sorted).
        for (const [title, list] of [['Typical methods', thread.methods], ['Typical datasets', thread.datasets], ['Typical tasks', thread.tasks]] as const) {
          if (list?.length) this.body.append(this.section(title, this.nodeList([...list], 10)));
        }
      }
      const papers = (byKind.get('paper') ?? []).map((x) => x.node).sort(byDegree);
      this.body.append(this.section(`Papers (${papers.length})`, this.nodeList(papers, 100)));
    } else {
      if (details?.kind === 'entity') {
        if (details.aliases.length) this.body.append(el('p', 'meta', `Also called: ${details.aliases.join(', ')}`));
        const a = link(details.url, details.url ?? '');
        if (a) this.body.append(el('p', 'links', a));
      }
      const papers = (byKind.get('paper') ?? []).map((x) => x.node).sort(byDegree);
      this.body.append(this.section(`Papers (${papers.length})`, this.nodeList(papers, 100)));
      for (const k of ENTITY_ORDER) {
        const list = byKind.get(k);
        if (list?.length) this.body.append(this.section(ROLE_TITLES[k] ?? k, this.nodeList(list.map((x) => x.node).sort(byDegree), 30)));
      }
    }
  }

  private renderPaper(i: number, d: PaperDetails | null, byKind: Map<string, { node: number; edgeType: string }[]>): void {
    const { model } = this;
    const nodes = model.data.nodes;
    if (d?.title && d.title !== nodes.label[i]) this.body.append(el('p', 'paper-title', d.title));
    if (d?.authors.length) this.body.append(el('p', 'authors', d.authors.join(', ') + (d.authorsTruncated ? ', et al.' : '')));
    const meta = [d?.date ?? (nodes.year[i] ? String(nodes.year[i]) : null), d?.venue].filter(Boolean).join(' · ');
    if (meta) this.body.append(el('p', 'meta', meta));
    const links = el('p', 'links');
    if (d?.arxivId) links.append(link(`https://arxiv.org/abs/${encodeURI(d.arxivId)}`, `arXiv:${d.arxivId}`) ?? '');
    if (d?.doi) links.append(link(`https://doi.org/${encodeURI(d.doi)}`, `DOI:${d.doi}`) ?? '');
    if (d?.aclId) links.append(link(`https://aclanthology.org/${encodeURI(d.aclId)}`, `ACL:${d.aclId}`) ?? '');
    for (const url of d?.codeUrls ?? []) {
      const a = link(url, `code: ${truncate(url.replace(/^https?:\/\//i, ''), 50)}`);
      links.append(a ?? el('span', 'unsafe-url', `code (not a web link): ${truncate(url, 60)}`));
    }
    for (const repo of byKind.get('repo') ?? []) {
      const label = nodes.label[repo.node];
      if ((d?.codeUrls ?? []).some((u) => u.includes(label))) continue;
      const a = link(`https://${label}`, `code: ${truncate(label, 50)}`);
      if (a) links.append(a);
    }
    if (links.childNodes.length) this.body.append(links);
    if (d?.abstract) this.body.append(el('p', 'abstract', d.abstract));

    for (const k of ['method', 'dataset', 'task', 'metric']) {
      const list = byKind.get(k);
      if (!list?.length) continue;
      const ul = el('ul', 'node-list');
      for (const { node, edgeType } of list) ul.append(el('li', '', this.nodeButton(node), edgeType && edgeType !== 'uses' ? el('span', 'role', ` ${edgeType.replace('_', ' ')}`) : null));
      this.body.append(this.section(ROLE_TITLES[k], ul));
    }

    const related = d?.related ?? [];
    if (related.length) {
      const ul = el('ul', 'related');
      for (const r of related) {
        if (r.node < 0 || r.node >= model.n) continue;
        ul.append(el('li', '', this.nodeButton(r.node), el('span', 'reasons', r.reasons.join('; '))));
      }
      this.body.append(this.section('Related work', ul));
    }
    const citing = (byKind.get('paper') ?? []).filter((x) => !related.some((r) => r.node === x.node));
    if (citing.length) this.body.append(this.section('Linked papers', this.nodeList(citing.map((x) => x.node), 30)));
    const authors = byKind.get('author');
    if (authors?.length && !d?.authors.length) this.body.append(this.section('Authors', this.nodeList(authors.map((x) => x.node), 50)));
    for (const k of ['org', 'venue', 'category']) {
      const list = byKind.get(k);
      if (list?.length) this.body.append(this.section(ROLE_TITLES[k], this.nodeList(list.map((x) => x.node), 20)));
    }
  }
}
