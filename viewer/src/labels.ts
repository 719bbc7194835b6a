/**
 * Label drawing: sigma's disc label with a white halo so labels stay readable over edges, and
 * thread labels (the names of the clusters) larger and bold.
 */
import type { NodeLabelDrawingFunction } from 'sigma/rendering';

export const drawLabel: NodeLabelDrawingFunction = (context, data, settings) => {
  if (!data.label) return;
  const isThread = (data as { kind?: string }).kind === 'thread';
  const size = isThread ? settings.labelSize + 3 : settings.labelSize;
  const weight = isThread ? '700' : settings.labelWeight;
  context.font = `${weight} ${size}px ${settings.labelFont}`;
  const x = data.x + data.size + 3;
  const y = data.y + size / 3;
  context.lineJoin = 'round';
  context.lineWidth = isThread ? 4 : 3;
  context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  context.strokeText(data.label, x, y);
  context.fillStyle = isThread ? '#111' : '#222';
  context.fillText(data.label, x, y);
};
