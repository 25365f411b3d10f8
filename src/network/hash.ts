/**
 * A content hash of the network IR: sha256 over a canonical binary encoding of the fields that change
 * behaviour (not the name, description or notes), so a network hashes the same whether it came from
 * JSON or NIR and however its floats were written.
 */
import { createHash, type Hash } from 'node:crypto';
import { endianness } from 'node:os';
import type { Layer, Network, Tensor } from './schema.ts';

const littleEndian = endianness() === 'LE';

function put(hash: Hash, kind: string, values: readonly (string | number)[]): void {
  hash.update(
    `${kind}(${values.map((v) => (typeof v === 'number' ? numberKey(v) : JSON.stringify(v))).join(',')})`,
  );
}

/** Numbers through float64 bits, so 0.1 written as "0.1" or "0.10000000000000001" is the same. */
function numberKey(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

function putTensor(hash: Hash, field: string, t: Tensor | null | undefined): void {
  if (!t) {
    put(hash, field, ['none']);
    return;
  }
  put(hash, field, t.shape);
  // float32 little-endian, -0 as 0: a typed array's bytes on little-endian hosts, else one by one.
  // (A copy and a plain loop: Float32Array.from with a mapping function is ~10x slower.)
  const floats = new Float32Array(t.data);
  for (let i = 0; i < floats.length; i++) if (floats[i] === 0) floats[i] = 0;
  if (littleEndian) {
    hash.update(new Uint8Array(floats.buffer));
    return;
  }
  const bytes = Buffer.alloc(floats.length * 4);
  for (let i = 0; i < floats.length; i++) bytes.writeFloatLE(floats[i], i * 4);
  hash.update(bytes);
}

function putLayer(hash: Hash, layer: Layer): void {
  put(hash, 'layer', [layer.type, layer.name, ...layer.inputs]);
  switch (layer.type) {
    case 'conv2d':
      putTensor(hash, 'weight', layer.weight);
      putTensor(hash, 'bias', layer.bias);
      put(hash, 'window', [...layer.stride, ...layer.padding]);
      return;
    case 'linear':
      putTensor(hash, 'weight', layer.weight);
      putTensor(hash, 'bias', layer.bias);
      return;
    case 'sumpool2d':
    case 'avgpool2d':
      put(hash, 'window', [...layer.kernel, ...layer.stride, ...layer.padding]);
      return;
    case 'flatten':
      return;
    case 'if':
      put(hash, 'neuron', [Math.fround(layer.threshold), Math.fround(layer.thresholdLow), layer.reset]);
      putTensor(hash, 'initialState', layer.initialState);
      return;
  }
}

/** sha256 (hex) of the canonical encoding of the network. */
export function hashNetwork(network: Network): string {
  const hash = createHash('sha256');
  put(hash, 'spikeforge.network', [1]);
  put(hash, 'input', [network.input.name, ...network.input.shape]);
  for (const layer of network.layers) putLayer(hash, layer);
  return hash.digest('hex');
}
