/**
 * The configuration contract between the compiler and everything that runs a network: the chip
 * configuration types, the versioned binary image (encode/decode), and the register writes.
 */
export { type ChipConfig, type CoreConfig, type Destination, evaluationOrder, type InputConfig, } from './config.ts';
export { decodeImage, encodeImage, IMAGE_FORMAT_VERSION, IMAGE_MAGIC, imageCrc, imageFormatVersion, imageIntact, isImage, } from './image.ts';
export { configFromRegisterWrites, type RegisterWrite, registerAddress, registerWrites, splitAddress, } from './registers.ts';
