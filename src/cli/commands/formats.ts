/** `litgraph formats` — lists the input formats and how each is detected. */
import { FORMATS } from '../../ingest/index.js';
import { parseOptions, type CliIO } from '../io.js';

export interface FormatInfo {
  name: string;
  description: string;
  detection: string;
}

export function listFormats(): FormatInfo[] {
  return Object.values(FORMATS).map(({ name, description, detection }) => ({ name, description, detection }));
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' } }, 'usage: litgraph formats [--json]');
  const formats = listFormats();
  if (values.json) io.stdout(`${JSON.stringify(formats, null, 2)}\n`);
  else for (const f of formats) io.stdout(`${f.name}\n  ${f.description}\n  detected by: ${f.detection}\n`);
  return 0;
}
