import type { Command } from 'commander';
import { register as compareCmd } from './compare.ts';
import { register as compileCmd } from './compile.ts';
import { register as convertCmd } from './convert.ts';
import { register as demoCmd } from './demo.ts';
import { register as devicesCmd } from './devices.ts';
import { register as diffCmd } from './diff.ts';
import { register as eventsCmd } from './events.ts';
import { register as exportCmd } from './export.ts';
import { register as flashCmd } from './flash.ts';
import { register as inspectCmd } from './inspect.ts';
import { register as plotCmd } from './plot.ts';
import { register as runCmd } from './run.ts';
import { register as schemaCmd } from './schema.ts';
import { register as simCmd } from './sim.ts';

/** Each command file exports `register(program)`; the order here is the order of `--help`. */
export const commands: ((program: Command) => void)[] = [
  inspectCmd,
  schemaCmd,
  convertCmd,
  compileCmd,
  exportCmd,
  runCmd,
  flashCmd,
  devicesCmd,
  simCmd,
  eventsCmd,
  diffCmd,
  plotCmd,
  compareCmd,
  demoCmd,
];
