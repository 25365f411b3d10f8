/**
 * The network IR and spikeforge's own JSON format, defined once: the zod schema below is the single
 * source of truth. `NetworkJson` (z.input) is what a file holds; `Network` (z.output) is the plain
 * typed IR the pipeline works on (tensors as Float32Array, defaults filled in, `inputs` explicit).
 */
import { z } from 'zod';
/** A dense float tensor, row-major (PyTorch order). */
export interface Tensor {
    shape: number[];
    data: Float32Array;
}
type Nested = number | Nested[];
/** Walks nested arrays, checking they are rectangular; returns shape and flat data, or an error text. */
export declare function tensorFromNested(value: Nested): Tensor | string;
export declare function tensorFromBase64(shape: number[], base64: string): Tensor | string;
/** A tensor: nested arrays of numbers, or base64 little-endian float32 with a shape (for large tensors). */
export declare const TensorSchema: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
    dtype: z.ZodLiteral<"float32">;
    shape: z.ZodArray<z.ZodNumber>;
    base64: z.ZodString;
}, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
    dtype: "float32";
    shape: number[];
    base64: string;
}>>;
export declare const Conv2dSchema: z.ZodObject<{
    weight: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>;
    bias: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>>>;
    stride: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"conv2d">;
}, z.core.$strict>;
export declare const LinearSchema: z.ZodObject<{
    weight: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>;
    bias: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"linear">;
}, z.core.$strict>;
export declare const SumPool2dSchema: z.ZodObject<{
    kernel: z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>;
    stride: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"sumpool2d">;
}, z.core.$strict>;
export declare const AvgPool2dSchema: z.ZodObject<{
    kernel: z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>;
    stride: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"avgpool2d">;
}, z.core.$strict>;
export declare const FlattenSchema: z.ZodObject<{
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"flatten">;
}, z.core.$strict>;
export declare const IFSchema: z.ZodObject<{
    threshold: z.ZodNumber;
    thresholdLow: z.ZodOptional<z.ZodNumber>;
    reset: z.ZodDefault<z.ZodEnum<{
        subtract: "subtract";
        zero: "zero";
    }>>;
    initialState: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"if">;
}, z.core.$strict>;
export declare const LayerSchema: z.ZodDiscriminatedUnion<[z.ZodObject<{
    weight: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>;
    bias: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>>>;
    stride: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"conv2d">;
}, z.core.$strict>, z.ZodObject<{
    weight: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>;
    bias: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"linear">;
}, z.core.$strict>, z.ZodObject<{
    kernel: z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>;
    stride: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"sumpool2d">;
}, z.core.$strict>, z.ZodObject<{
    kernel: z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>;
    stride: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"avgpool2d">;
}, z.core.$strict>, z.ZodObject<{
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"flatten">;
}, z.core.$strict>, z.ZodObject<{
    threshold: z.ZodNumber;
    thresholdLow: z.ZodOptional<z.ZodNumber>;
    reset: z.ZodDefault<z.ZodEnum<{
        subtract: "subtract";
        zero: "zero";
    }>>;
    initialState: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
        dtype: z.ZodLiteral<"float32">;
        shape: z.ZodArray<z.ZodNumber>;
        base64: z.ZodString;
    }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
        dtype: "float32";
        shape: number[];
        base64: string;
    }>>>>;
    name: z.ZodString;
    inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
    type: z.ZodLiteral<"if">;
}, z.core.$strict>], "type">;
export declare const InputSchema: z.ZodObject<{
    name: z.ZodDefault<z.ZodString>;
    shape: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
}, z.core.$strict>;
export declare const NETWORK_FORMAT = "spikeforge.network";
export declare const NETWORK_FORMAT_VERSION = 1;
export declare const NetworkSchema: z.ZodPipe<z.ZodObject<{
    format: z.ZodDefault<z.ZodLiteral<"spikeforge.network">>;
    version: z.ZodDefault<z.ZodLiteral<1>>;
    name: z.ZodOptional<z.ZodString>;
    description: z.ZodOptional<z.ZodString>;
    notes: z.ZodOptional<z.ZodArray<z.ZodString>>;
    input: z.ZodObject<{
        name: z.ZodDefault<z.ZodString>;
        shape: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
    }, z.core.$strict>;
    layers: z.ZodArray<z.ZodDiscriminatedUnion<[z.ZodObject<{
        weight: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
            dtype: z.ZodLiteral<"float32">;
            shape: z.ZodArray<z.ZodNumber>;
            base64: z.ZodString;
        }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
            dtype: "float32";
            shape: number[];
            base64: string;
        }>>;
        bias: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
            dtype: z.ZodLiteral<"float32">;
            shape: z.ZodArray<z.ZodNumber>;
            base64: z.ZodString;
        }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
            dtype: "float32";
            shape: number[];
            base64: string;
        }>>>>;
        stride: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
        padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
        name: z.ZodString;
        inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
        type: z.ZodLiteral<"conv2d">;
    }, z.core.$strict>, z.ZodObject<{
        weight: z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
            dtype: z.ZodLiteral<"float32">;
            shape: z.ZodArray<z.ZodNumber>;
            base64: z.ZodString;
        }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
            dtype: "float32";
            shape: number[];
            base64: string;
        }>>;
        bias: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
            dtype: z.ZodLiteral<"float32">;
            shape: z.ZodArray<z.ZodNumber>;
            base64: z.ZodString;
        }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
            dtype: "float32";
            shape: number[];
            base64: string;
        }>>>>;
        name: z.ZodString;
        inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
        type: z.ZodLiteral<"linear">;
    }, z.core.$strict>, z.ZodObject<{
        kernel: z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>;
        stride: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
        padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
        name: z.ZodString;
        inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
        type: z.ZodLiteral<"sumpool2d">;
    }, z.core.$strict>, z.ZodObject<{
        kernel: z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>;
        stride: z.ZodOptional<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
        padding: z.ZodDefault<z.ZodPipe<z.ZodUnion<readonly [z.ZodNumber, z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>]>, z.ZodTransform<[number, number], number | [number, number]>>>;
        name: z.ZodString;
        inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
        type: z.ZodLiteral<"avgpool2d">;
    }, z.core.$strict>, z.ZodObject<{
        name: z.ZodString;
        inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
        type: z.ZodLiteral<"flatten">;
    }, z.core.$strict>, z.ZodObject<{
        threshold: z.ZodNumber;
        thresholdLow: z.ZodOptional<z.ZodNumber>;
        reset: z.ZodDefault<z.ZodEnum<{
            subtract: "subtract";
            zero: "zero";
        }>>;
        initialState: z.ZodOptional<z.ZodNullable<z.ZodPipe<z.ZodUnion<readonly [z.ZodType<Nested, unknown, z.core.$ZodTypeInternals<Nested, unknown>>, z.ZodObject<{
            dtype: z.ZodLiteral<"float32">;
            shape: z.ZodArray<z.ZodNumber>;
            base64: z.ZodString;
        }, z.core.$strict>]>, z.ZodTransform<Tensor, Nested | {
            dtype: "float32";
            shape: number[];
            base64: string;
        }>>>>;
        name: z.ZodString;
        inputs: z.ZodOptional<z.ZodArray<z.ZodString>>;
        type: z.ZodLiteral<"if">;
    }, z.core.$strict>], "type">>;
}, z.core.$strict>, z.ZodTransform<{
    layers: ({
        inputs: string[];
        thresholdLow: number;
        threshold: number;
        reset: "subtract" | "zero";
        name: string;
        type: "if";
        initialState?: Tensor | null | undefined;
    } | {
        inputs: string[];
        stride: [number, number];
        kernel: [number, number];
        padding: [number, number];
        name: string;
        type: "sumpool2d";
    } | {
        inputs: string[];
        stride: [number, number];
        kernel: [number, number];
        padding: [number, number];
        name: string;
        type: "avgpool2d";
    } | {
        inputs: string[];
        weight: Tensor;
        stride: [number, number];
        padding: [number, number];
        name: string;
        type: "conv2d";
        bias?: Tensor | null | undefined;
    } | {
        inputs: string[];
        weight: Tensor;
        name: string;
        type: "linear";
        bias?: Tensor | null | undefined;
    } | {
        inputs: string[];
        name: string;
        type: "flatten";
    })[];
    format: "spikeforge.network";
    version: 1;
    input: {
        name: string;
        shape: [number, number, number];
    };
    name?: string | undefined;
    description?: string | undefined;
    notes?: string[] | undefined;
}, {
    format: "spikeforge.network";
    version: 1;
    input: {
        name: string;
        shape: [number, number, number];
    };
    layers: ({
        weight: Tensor;
        stride: [number, number];
        padding: [number, number];
        name: string;
        type: "conv2d";
        bias?: Tensor | null | undefined;
        inputs?: string[] | undefined;
    } | {
        weight: Tensor;
        name: string;
        type: "linear";
        bias?: Tensor | null | undefined;
        inputs?: string[] | undefined;
    } | {
        kernel: [number, number];
        padding: [number, number];
        name: string;
        type: "sumpool2d";
        stride?: [number, number] | undefined;
        inputs?: string[] | undefined;
    } | {
        kernel: [number, number];
        padding: [number, number];
        name: string;
        type: "avgpool2d";
        stride?: [number, number] | undefined;
        inputs?: string[] | undefined;
    } | {
        name: string;
        type: "flatten";
        inputs?: string[] | undefined;
    } | {
        threshold: number;
        reset: "subtract" | "zero";
        name: string;
        type: "if";
        thresholdLow?: number | undefined;
        initialState?: Tensor | null | undefined;
        inputs?: string[] | undefined;
    })[];
    name?: string | undefined;
    description?: string | undefined;
    notes?: string[] | undefined;
}>>;
/** What a JSON network file holds. */
export type NetworkJson = z.input<typeof NetworkSchema>;
/** The network IR: plain typed data, layers in topological order, every `inputs` explicit. */
export type Network = z.output<typeof NetworkSchema>;
export type Layer = Network['layers'][number];
export type LayerType = Layer['type'];
export type LayerOf<T extends LayerType> = Extract<Layer, {
    type: T;
}>;
/** [channels, height, width]; a flat vector of n features is [n, 1, 1]. */
export type Shape3 = [number, number, number];
export {};
