/** Colours: papers by thread (a fixed qualitative palette, then golden-angle hues), other types fixed. */

export const THREAD_PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79',
  '#e6550d', '#31a354', '#756bb1', '#636363', '#3182bd', '#d6616b', '#637939', '#ad494a', '#7b4173', '#a55194',
];

/** Threads past the palette: golden-angle hues, as hex (sigma's WebGL programs parse hex and rgb, not hsl: hsl drew black). */
export function threadColor(index: number): string {
  if (index < 0) return UNTHREADED_COLOR;
  if (index < THREAD_PALETTE.length) return THREAD_PALETTE[index];
  return hslToHex((index * 137.508) % 360, 0.55, index % 2 ? 0.42 : 0.55);
}

/** CSS hsl() (hue in degrees, saturation and lightness 0–1) as #rrggbb. */
export function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const v = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** Papers with no thread (or graphs without threads). */
export const UNTHREADED_COLOR = '#4a78c2';

/** Entity colours are light and desaturated so they never read as one of the thread colours. */
export const TYPE_COLORS: Record<string, string> = {
  paper: UNTHREADED_COLOR,
  author: '#bdbdbd',
  method: '#f0a98b',
  dataset: '#83cbc1',
  task: '#e6d38a',
  metric: '#cdb9dc',
  repo: '#5a5a5a',
  venue: '#b39b91',
  org: '#a998b0',
  category: '#d9d0cc',
  thread: '#222222',
};

export const DIM_NODE = '#e8e8e8';
export const EDGE_COLOR = '#d0d0d0';
export const EDGE_STRONG = '#8f8f8f';
export const HIGHLIGHT_EDGE = '#555555';

/** A node's colour: papers and thread nodes by thread, everything else by type. */
export function nodeColor(kind: string, thread: number): string {
  if ((kind === 'paper' || kind === 'thread') && thread >= 0) return threadColor(thread);
  return TYPE_COLORS[kind] ?? '#888888';
}
