import type { Command } from 'commander';
import { loadImageFile } from '../../compiler/index.ts';
import { DEVICE_URI_HELP, parseChoice } from '../options.ts';
import type { CliIo } from '../output.ts';
import { progressBar } from '../progress.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('flash')
    .description(
      'write an image (or a network, compiled on the way) to a board: staged, verified, applied atomically',
    )
    .argument('<file>', 'image from `spikeforge compile`, or a network (.nir, .json)')
    .requiredOption('--device <uri>', `the board: ${DEVICE_URI_HELP}`)
    .option('--verify <how>', 'crc (default) or readback', 'crc')
    .option('--resume', 'keep the chunks the board staged in an interrupted flash of this image')
    .option('--quiet', 'no progress bar')
    .action(
      async (file: string, opts: { device: string; verify: string; resume?: boolean; quiet?: boolean }) => {
        const verify = parseChoice('--verify', opts.verify, ['crc', 'readback'] as const);
        const image = await loadImageFile(file);
        // the device client (and its protocol code) loads with the commands that reach a board
        const { openDevice } = await import('../../device/index.ts');
        const dev = await openDevice(opts.device);
        const bar = progressBar(io.stderr, {
          label: 'flash',
          total: image.length,
          unit: 'bytes',
          quiet: opts.quiet,
        });
        try {
          const r = await dev.flash(image, {
            verify,
            resume: opts.resume,
            onProgress: (bytes) => bar.update(bytes),
          });
          bar.stop();
          const info = await dev.info();
          io.stdout.write(
            `flashed ${r.bytes} bytes to ${info.uri} (${info.board}, ${info.chip}, serial ${info.serialNumber}): CRC32 ${r.crc.toString(16).padStart(8, '0')}, verified by ${r.verified}${r.sent < r.bytes ? `, resumed (${r.sent} bytes sent)` : ''}; ${r.attempts} frame${r.attempts === 1 ? '' : 's'} sent in ${(r.ms / 1000).toFixed(2)} s${r.chunkSize < info.maxFrameSize - 64 ? ` (chunks shrunk to ${r.chunkSize} bytes on a lossy link)` : ''}\n`,
          );
        } finally {
          bar.stop();
          await dev.close();
        }
      },
    );
}
