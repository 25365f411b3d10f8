/** Hand-built chip configurations for tests and benchmarks (no test-runner imports). */
import type { ChipConfig, CoreConfig } from '../src/image/config.ts';
import type { Shape3 } from '../src/network/schema.ts';

/**
 * A configuration of one monitored core (id 0) that reads the whole input, 1x1 kernel, no bias, reset by
 * subtraction; `core` overrides any field (weights are F*C for the 1x1 kernel).
 */
export function oneCoreConfig(
  inputShape: Shape3,
  core: Partial<CoreConfig> & Pick<CoreConfig, 'outputShape' | 'weights'>,
): ChipConfig {
  const [, h, w] = inputShape;
  return {
    formatVersion: 1,
    chip: 'dynapcnn9',
    sourceHash: '0'.repeat(64),
    input: {
      name: 'input',
      shape: inputShape,
      crop: [0, 0, h, w],
      flipX: false,
      flipY: false,
      swapXY: false,
      destinations: [{ coreId: 0, pooling: 1 }],
    },
    cores: [
      {
        coreId: 0,
        layer: 'n',
        inputShape,
        kernelSize: 1,
        stride: [1, 1],
        padding: [0, 0],
        biases: null,
        thresholdHigh: 1,
        thresholdLow: -1,
        reset: 'subtract',
        initialState: null,
        destinations: [],
        monitor: true,
        ...core,
      },
    ],
  };
}
