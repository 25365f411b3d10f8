import { type InputEvents } from '../events/types.ts';
/** Events as the chip emits them: `core` is the core id, `c,y,x` the neuron in that core's output map. */
export interface CoreEvents {
    count: number;
    t: Int32Array;
    core: Int32Array;
    c: Int32Array;
    y: Int32Array;
    x: Int32Array;
}
export declare function makeCoreEvents(capacity: number): CoreEvents;
/** Worst case per event: a step token and an event token, 5 bytes each. */
export declare const MAX_PACKED_EVENT_BYTES: number;
/** Packs input events [from, to); `firstStep` goes into the message (`InputEvents.first_step`). */
export declare function packInputEvents(ev: InputEvents, from: number, to: number, firstStep: number): Uint8Array;
/**
 * Packs as many input events from `from` (up to `to`) as fit in `maxBytes`; `end` is the first event
 * not packed. Sized for a frame: pass the room left in the message.
 */
export declare function packInputEventsWithin(ev: InputEvents, from: number, to: number, firstStep: number, maxBytes: number): {
    packed: Uint8Array;
    end: number;
};
export declare function packCoreEvents(ev: CoreEvents, from: number, to: number, firstStep: number): Uint8Array;
export declare function packCoreEventsWithin(ev: CoreEvents, from: number, to: number, firstStep: number, maxBytes: number): {
    packed: Uint8Array;
    end: number;
};
/**
 * Unpacks `count` input events. With `into`, appends at `into.count` (no allocation; it must have the
 * capacity) and returns it; otherwise returns new events.
 */
export declare function unpackInputEvents(bytes: Uint8Array, firstStep: number, count: number, into?: InputEvents): InputEvents;
export declare function unpackCoreEvents(bytes: Uint8Array, firstStep: number, count: number, into?: CoreEvents): CoreEvents;
