import type { Command } from 'commander';
/** Each command file exports `register(program)`; the order here is the order of `--help`. */
export declare const commands: ((program: Command) => void)[];
