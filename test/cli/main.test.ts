/** The program itself: which commands it loads for an argument list, and the full help. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.ts';
import { buildProgram } from '../../src/cli/main.ts';
import { repoRoot } from '../fixtures.ts';
import { cli } from '../helpers.ts';

const io = { stdout: process.stdout, stderr: process.stderr };
const names = async (args?: string[]) => (await buildProgram(io, args)).commands.map((c) => c.name());

describe('spikeforge program', () => {
  it('each command file registers the command its entry names, in the order of the index', async () => {
    expect(await names()).toEqual(commands.map((c) => c.name));
  });

  it('loads only the command it runs; none for --version; all for the help or an unknown word', async () => {
    expect(await names(['diff', 'a.csv', 'b.csv'])).toEqual(['diff']);
    expect(await names(['--debug', 'events', 'info', 'x.csv'])).toEqual(['events']);
    expect(await names(['--version'])).toEqual([]);
    expect(await names(['--help'])).toHaveLength(commands.length);
    expect(await names(['help', 'run'])).toHaveLength(commands.length);
    expect(await names(['dif'])).toHaveLength(commands.length);
  });

  it('--help lists every command; --version prints the version; an unknown command is suggested', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of commands) expect(help.stdout).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')).version);
    const typo = await cli(['dif']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/unknown command 'dif'[\s\S]*Did you mean diff\?/);
  });
});
