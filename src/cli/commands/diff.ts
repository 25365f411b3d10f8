import type { Command } from 'commander';
import { SpikeforgeError } from '../../errors.ts';
import { diffSpikes, diffSpikesWithin, formatSpikeDiff, formatWindowDiff } from '../../events/diff.ts';
import { readSpikeRecording } from '../../events/io.ts';
import { selectLayers } from '../../events/ops.ts';
import type { Spikes } from '../../events/types.ts';
import { collect, optionalInteger, optionalPositive, parseInteger } from '../options.ts';
import { type CliIo, ExitCode } from '../output.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description(
      'compare two spike recordings as multisets; exit 0 when identical, 1 when they differ, 2 on trouble (as diff(1))',
    )
    .argument('<a>', "spikes (e.g. the emulator's): .csv, .sfev")
    .argument('<b>', "spikes (e.g. the board's)")
    .option('--top <n>', 'neurons to list', '10')
    .option('--step-us <us>', 'AEDAT input: microseconds per step', '1000')
    .option('--json', 'print the whole comparison as JSON')
    .option(
      '--window <n>',
      'hardware mode: match spikes of the same neuron within +-n steps; exit 0 when every spike has a partner',
    )
    .option(
      '--layers <names>',
      'compare these layers only, comma-separated (e.g. the last layer of an all-layer recording)',
      collect,
    )
    .action((a: string, b: string, o: DiffCliOptions) => {
      try {
        compare(a, b, o, io);
      } catch (e) {
        // 1 means "they differ": a script must be able to tell that from a file it could not read
        throw e instanceof ExitCode ? e : new ExitCode(2, e);
      }
    });
}

interface DiffCliOptions {
  top: string;
  stepUs: string;
  json?: boolean;
  window?: string;
  layers?: string[];
}

/** The layers of both recordings that `names` asks for; a name in neither is a typo. */
function onlyLayers(a: Spikes, b: Spikes, names: string[]): [Spikes, Spikes] {
  const unknown = names.filter((n) => !a.layers.includes(n) && !b.layers.includes(n));
  if (unknown.length > 0) {
    const present = [...new Set([...a.layers, ...b.layers])].join(', ') || '(none)';
    throw new SpikeforgeError(
      'USAGE',
      `--layers: no layer named ${unknown.map((n) => `"${n}"`).join(', ')} in either recording`,
      { hint: `layers present: ${present}` },
    );
  }
  const pick = (s: Spikes): Spikes =>
    selectLayers(
      s,
      names.filter((n) => s.layers.includes(n)),
    );
  return [pick(a), pick(b)];
}

function compare(a: string, b: string, o: DiffCliOptions, io: CliIo): void {
  const stepUs = optionalPositive('--step-us', o.stepUs);
  const top = parseInteger('--top', o.top, 1);
  const window = optionalInteger('--window', o.window, 0);
  let sa = readSpikeRecording(a, { stepUs });
  let sb = readSpikeRecording(b, { stepUs });
  if (o.layers) [sa, sb] = onlyLayers(sa, sb, o.layers);
  if (window !== undefined) {
    const w = diffSpikesWithin(sa, sb, window, { top });
    io.stdout.write(
      o.json ? `${JSON.stringify({ a, b, ...w }, null, 2)}\n` : `${formatWindowDiff(w, { a, b })}\n`,
    );
    if (!w.matchedAll) throw new ExitCode(1);
    return;
  }
  const d = diffSpikes(sa, sb, { top });
  io.stdout.write(
    o.json ? `${JSON.stringify({ a, b, ...d }, null, 2)}\n` : `${formatSpikeDiff(d, { a, b })}\n`,
  );
  if (!d.identical) throw new ExitCode(1);
}
