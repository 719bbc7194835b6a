/**
 * DOM helpers. Every string from the data becomes a text node (textContent, createElement);
 * nothing from the data is ever parsed as HTML, and links are made only for http(s) URLs.
 */

type Child = Node | string | null | undefined | false;

/** createElement with a class and text or child nodes; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`viewer: missing #${id} in index.html`);
  return node as T;
}

/** The URL if it parses as absolute http or https, else null (javascript:, data:, relative…). */
export function safeUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An external link that opens in a new tab without giving it our window; null if unsafe. */
export function link(raw: unknown, text: string): HTMLAnchorElement | null {
  const href = safeUrl(raw);
  if (!href) return null;
  const a = el('a', 'ext', text);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow';
  return a;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
