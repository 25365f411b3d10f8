/**
 * The configuration contract between the compiler and everything that runs a network: the chip
 * configuration types, the versioned binary image (encode/decode), and the register writes.
 */
export {
  type ChipConfig,
  type CoreConfig,
  type Destination,
  evaluationOrder,
  type InputConfig,
} from './config.ts';
export {
  decodeImage,
  encodeImage,
  IMAGE_FORMAT_VERSION,
  IMAGE_MAGIC,
  imageCrc,
  imageFormatVersion,
  imageIntact,
  isImage,
  looksLikeImage,
} from './image.ts';
export { type Monitor, monitoredCores, selectMonitored } from './monitor.ts';
export {
  configFromRegisterWrites,
  type RegisterWrite,
  registerAddress,
  registerWrites,
  splitAddress,
} from './registers.ts';
export {
  formatSamnaExport,
  parseSamnaExport,
  SAMNA_CHIPS,
  type SamnaChip,
  type SamnaExport,
  type SamnaExportOptions,
  SamnaExportSchema,
  samnaChip,
  toSamnaConfig,
} from './samna.ts';
