import type { Command } from 'commander';
import { discoverDevices, formatDiscovery } from '../../transport/discovery.ts';
import type { CliIo } from '../output.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('devices')
    .description(
      'list boards on serial ports and USB, Speck dev kits through samna, and the simulated board (URIs for --device)',
    )
    .option('--json', 'print { devices, notes } as JSON')
    .action(async (o: { json?: boolean }) => {
      const found = await discoverDevices();
      io.stdout.write(o.json ? `${JSON.stringify(found, null, 2)}\n` : `${formatDiscovery(found)}\n`);
    });
}
