#!/usr/bin/env python3
"""spikeforge's samna bridge: drives a SynSense Speck dev kit through samna for `--device samna:<board>`.

Python >= 3.8, the standard library and samna only. spikeforge starts it with `python3` (or
$SPIKEFORGE_PYTHON) and speaks JSON lines over stdin / stdout (protocol/SAMNA.md, "The bridge"):

    request   {"id": 1, "op": "hello"}                      one JSON object per line
    answer    {"id": 1, "ok": true, ...}                    one JSON object per line, same id
    failure   {"id": 1, "ok": false, "code": "NO_DEVICE", "error": "<one line>"}

Ops: hello, list, open, apply, run, read_state, write_state, close. The samna calls are the ones sinabs
uses (sinabs/backend/dynapcnn: io.py, dynapcnn_network.py, chips/dynapcnn.py, chips/speck2f.py).
Anything samna prints goes to stderr: stdout carries the protocol only.
"""

import json
import os
import sys
import time

BRIDGE_VERSION = 1

# --chip name -> (samna module family, samna device_type_name), as sinabs' chip_factory.py and io.py.
BOARDS = {
    "speck2fdevkit": ("speck2f", "Speck2fDevKit"),
    "speck2fmodule": ("speck2f", "Speck2fModuleDevKit"),
    "speck2edevkit": ("speck2e", "Speck2eDevKit"),
}
# The buffer nodes sinabs' config builders create (chips/speck2f.py, chips/speck2e.py).
NODES = {
    "speck2f": ("BasicSourceNode_speck2f_event_input_event", "BasicSinkNode_speck2f_event_output_event"),
    "speck2e": (
        "BasicSourceNode_speck2e_event_speck2e_input_event",
        "BasicSinkNode_speck2e_event_output_event",
    ),
}
# Set by setattr after dimensions and destinations, as write_dynapcnn_layer_config does.
CNN_FIELDS = (
    "weights",
    "biases",
    "leak_enable",
    "return_to_zero",
    "threshold_high",
    "threshold_low",
    "monitor_enable",
    "neurons_initial_value",
)
DVS_FIELDS = ("merge", "mirror", "mirror_diagonal", "cut", "origin", "pooling")


class BridgeError(Exception):
    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code


def one_line(text):
    return " ".join(str(text).split())


class Bridge:
    def __init__(self):
        self.samna = None
        self.device = None
        self.board = None
        self.family = None
        self.info = None
        self.mod = None
        self.source = None
        self.sink = None
        self.graphs = []
        self.config = None  # the samna configuration last applied
        self.export = None  # the spikeforge export it was built from
        self.step_us = 1000
        self.settle_s = 1.0
        self.state_dirty = False
        self.counters = {"events_in": 0, "spikes_out": 0, "beyond_run": 0}

    # --- samna ------------------------------------------------------------------------------------

    def load(self):
        if self.samna is None:
            try:
                import samna  # noqa: PLC0415 (only when asked: `hello` reports a missing samna)
            except ImportError as e:
                raise BridgeError(
                    "NO_SAMNA",
                    "samna is not installed for %s (%s): pip install samna" % (sys.executable, one_line(e)),
                )
            self.samna = samna
        return self.samna

    def version(self):
        samna = self.load()
        v = getattr(samna, "__version__", None)
        if v is None:
            try:
                from importlib import metadata  # noqa: PLC0415

                v = metadata.version("samna")
            except Exception:  # noqa: BLE001
                v = "unknown"
        return str(v)

    def module(self, family):
        samna = self.load()
        mod = getattr(samna, family, None)
        if mod is None or not hasattr(samna, "graph") or not hasattr(samna, "device"):
            raise BridgeError(
                "SAMNA_TOO_OLD",
                "samna %s has no samna.%s: pip install -U samna (sinabs needs samna >= 0.33)"
                % (self.version(), family),
            )
        return mod

    # --- ops ----------------------------------------------------------------------------------------

    def op_hello(self, _req):
        return {
            "bridge": BRIDGE_VERSION,
            "python": "%d.%d.%d" % sys.version_info[:3],
            "executable": sys.executable,
            "samna": self.version(),
        }

    def all_devices(self):
        samna = self.load()
        devices = list(samna.device.get_all_devices())
        # per board type, ordered by USB address, as sinabs' get_device_map numbers them (speck2fdevkit:0)
        devices.sort(key=lambda d: (d.device_type_name, getattr(d, "usb_device_address", 0)))
        kinds = {name: board for board, (_f, name) in BOARDS.items()}
        out = []
        seen = {}
        for d in devices:
            board = kinds.get(d.device_type_name)
            index = seen.get(d.device_type_name, 0)
            seen[d.device_type_name] = index + 1
            out.append((board, index, d))
        return out

    def op_list(self, _req):
        return {
            "devices": [
                {
                    "board": board,
                    "index": index,
                    "device_type_name": d.device_type_name,
                    "serial_number": str(getattr(d, "serial_number", "")),
                    "usb_bus_number": getattr(d, "usb_bus_number", None),
                    "usb_device_address": getattr(d, "usb_device_address", None),
                }
                for board, index, d in self.all_devices()
            ]
        }

    def op_open(self, req):
        board = req["board"]
        if board not in BOARDS:
            raise BridgeError("USAGE", "unknown samna board %s: known are %s" % (board, ", ".join(BOARDS)))
        family, type_name = BOARDS[board]
        mod = self.module(family)
        found = self.all_devices()
        mine = [(i, d) for b, i, d in found if b == board]
        serial = req.get("serial")
        index = req.get("index")
        if serial:
            mine = [(i, d) for i, d in mine if str(getattr(d, "serial_number", "")) == serial]
        elif index is not None:
            mine = [(i, d) for i, d in mine if i == index]
        if not mine:
            others = ", ".join(sorted(set(d.device_type_name for _b, _i, d in found))) or "no devices"
            which = " with serial %s" % serial if serial else (" number %d" % index if index is not None else "")
            raise BridgeError(
                "NO_DEVICE",
                "no %s%s found (samna sees: %s): plug the board in; on Linux install SynSense's udev rules"
                % (type_name, which, others),
            )
        index, info = mine[0]
        samna = self.samna
        try:
            device = samna.device.open_device(info)
        except Exception as e:  # noqa: BLE001
            raise BridgeError(
                "BUSY",
                "samna cannot open %s: %s: close other programs using it (samnagui, another Python session)"
                % (type_name, one_line(e)),
            )
        if device is None:
            raise BridgeError(
                "BUSY",
                "samna cannot open %s (is it in use by another program?): close samnagui or other sessions" % type_name,
            )
        self.device, self.board, self.family, self.info, self.mod = device, board, family, info, mod
        source_name, sink_name = NODES[family]
        if not hasattr(samna, source_name) or not hasattr(samna, sink_name):
            raise BridgeError(
                "SAMNA_TOO_OLD",
                "samna %s has no %s / %s: pip install -U samna" % (self.version(), source_name, sink_name),
            )
        # As DynapcnnNetwork.to(): host -> model sink node, model source node -> host.
        self.source = getattr(samna, source_name)()
        self.sink = getattr(samna, sink_name)()
        model = device.get_model()
        g_in = samna.graph.EventFilterGraph()
        g_in.sequential([self.source, model.get_sink_node()])
        g_out = samna.graph.EventFilterGraph()
        g_out.sequential([model.get_source_node(), self.sink])
        g_in.start()
        g_out.start()
        self.graphs = [g_in, g_out]
        return {
            "board": board,
            "index": index,
            "device_type_name": info.device_type_name,
            "serial_number": str(getattr(info, "serial_number", "")),
            "samna": self.version(),
        }

    def need_device(self):
        if self.device is None:
            raise BridgeError("USAGE", "no board is open (send open first)")

    def build(self, export):
        """The samna configuration of an export, field by field as sinabs' build_config writes it."""
        config = self.mod.configuration.SpeckConfiguration()
        config.dvs_layer.pass_sensor_events = False
        for core, layer in export["cnn_layers"].items():
            chip_layer = config.cnn_layers[int(core)]
            where = "core %s" % core
            try:
                chip_layer.dimensions = layer["dimensions"]
                for i, d in enumerate(layer["destinations"]):
                    chip_layer.destinations[i].layer = d["layer"]
                    chip_layer.destinations[i].enable = d["enable"]
                    chip_layer.destinations[i].pooling = d["pooling"]
                for name in CNN_FIELDS:
                    where = "core %s %s" % (core, name)
                    setattr(chip_layer, name, layer[name])
            except (TypeError, ValueError, AttributeError, IndexError) as e:
                raise BridgeError("REFUSED", "samna refuses %s: %s" % (where, one_line(e)))
        dvs = export["dvs_layer"]
        if export["input"]["source"] == "dvs":
            chip_layer = config.dvs_layer
            try:
                for name in DVS_FIELDS:
                    setattr(chip_layer, name, dvs[name])
                for i, d in enumerate(dvs["destinations"]):
                    chip_layer.destinations[i].layer = d["layer"]
                    chip_layer.destinations[i].enable = d["enable"]
                chip_layer.pass_sensor_events = dvs["pass_sensor_events"]
            except (TypeError, ValueError, AttributeError, IndexError) as e:
                raise BridgeError("REFUSED", "samna refuses the DVS layer: %s" % one_line(e))
        return config

    def apply(self, config):
        ok, message = self.mod.validate_configuration(config)
        if not ok:
            raise BridgeError("REFUSED", "samna's validator refuses the configuration: %s" % one_line(message))
        try:
            self.device.get_model().apply_configuration(config)
        except Exception as e:  # noqa: BLE001
            raise BridgeError("SAMNA", "samna cannot apply the configuration: %s" % one_line(e))
        time.sleep(self.settle_s)  # as DynapcnnNetwork.to() after apply_configuration
        self.config = config
        self.state_dirty = False

    def readback(self, export):
        """Compares what samna reports as applied with the export, where samna offers it."""
        model = self.device.get_model()
        get = getattr(model, "get_configuration", None)
        if get is None:
            return "none"
        back = get()
        for core, layer in export["cnn_layers"].items():
            chip_layer = back.cnn_layers[int(core)]
            for name in CNN_FIELDS:
                if getattr(chip_layer, name) != layer[name]:
                    raise BridgeError("READBACK", "core %s %s read back from samna differs from what was applied" % (core, name))
            got = [
                {"layer": d.layer, "enable": d.enable, "pooling": d.pooling} for d in chip_layer.destinations if d.enable
            ]
            if got != layer["destinations"]:
                raise BridgeError("READBACK", "core %s destinations read back from samna differ" % core)
        return "readback"

    def op_apply(self, req):
        self.need_device()
        export = req["config"]
        if export.get("family") != self.family:
            raise BridgeError(
                "USAGE", "the configuration is for samna.%s, the open board is %s" % (export.get("family"), self.board)
            )
        self.step_us = int(req.get("step_us", 1000))
        self.settle_s = float(req.get("settle_ms", 1000)) / 1000.0
        config = self.build(export)
        self.apply(config)
        self.export = export
        return {"verified": self.readback(export)}

    def neurons(self, shape):
        """(index (f*H + y)*W + x, samna neuron address) of every neuron of a [F, H, W] layer.

        The address is sinabs' io.calculate_neuron_address: channel bits lowest, then x, then y.
        """
        channels, height, width = shape
        cb = (channels - 1).bit_length()
        xb = (width - 1).bit_length()
        i = 0
        for f in range(channels):
            for y in range(height):
                for x in range(width):
                    yield i, f | (x << cb) | (y << (cb + xb))
                    i += 1

    def leaks(self):
        return any(layer["leak_enable"] for layer in self.export["cnn_layers"].values())

    def set_slow_clock(self, on):
        """The leak (biases) ticks with the slow clock: one tick per step while a run lasts (only
        configurations with biases need it)."""
        if not self.leaks():
            return
        get_io = getattr(self.device, "get_io_module", None)
        if get_io is None:
            raise BridgeError(
                "SAMNA_TOO_OLD",
                "this samna cannot set the slow clock that makes biases tick (no get_io_module): pip install -U samna",
            )
        io = get_io()
        if on:
            io.set_slow_clk_rate(int(round(1e6 / self.step_us)))
        io.set_slow_clk(on)

    def op_run(self, req):
        self.need_device()
        if self.export is None:
            raise BridgeError("USAGE", "no configuration applied (send apply first)")
        if self.state_dirty and not req.get("keep_state", False):
            self.apply(self.config)  # back to the configured initial state (sinabs' reset_states)
        mod = self.mod
        steps = int(req["steps"])
        step_us = self.step_us
        inp = self.export["input"]
        events = []
        for t, c, y, x in req["events"]:
            ts = t * step_us
            if inp["source"] == "dvs":
                ev = mod.event.DvsEvent()
                ev.x, ev.y, ev.p, ev.timestamp = x, y, c, ts
                events.append(ev)
                continue
            for layer in inp["layers"]:
                ev = mod.event.Spike()
                ev.layer, ev.x, ev.y, ev.feature, ev.timestamp = layer, x, y, c, ts
                events.append(ev)
        self.sink.get_events()  # flush, as hw_forward does
        self.set_slow_clock(True)
        stop_watch = self.device.get_stop_watch()
        stop_watch.reset()
        stop_watch.start()
        self.source.write(events)
        self.state_dirty = True
        received = []
        # Until the last step has passed, then the quiet period (as hw_forward waits). Counted in time
        # slept, not in wall time: time spent in samna calls is then never taken for chip time.
        wait = steps * step_us / 1e6 + float(req.get("quiet_ms", 100)) / 1000.0
        slept = 0.0
        while slept < wait:
            nap = min(0.02, wait - slept)
            t0 = time.monotonic()
            time.sleep(nap)
            slept += time.monotonic() - t0
            received.extend(self.sink.get_events())
        received.extend(self.sink.get_events())
        self.set_slow_clock(False)
        stop_watch.stop()
        spikes = []
        beyond = 0
        other = 0
        for ev in received:
            if not isinstance(ev, mod.event.Spike):
                other += 1
                continue
            step = ev.timestamp // step_us
            if step >= steps:
                beyond += 1
                continue
            spikes.append([step, ev.layer, ev.feature, ev.y, ev.x, ev.timestamp])
        spikes.sort()
        self.counters["events_in"] += len(req["events"])
        self.counters["spikes_out"] += len(spikes)
        self.counters["beyond_run"] += beyond
        return {"spikes": spikes, "beyond_run": beyond, "other_events": other}

    def op_read_state(self, req):
        self.need_device()
        layer = int(req["layer"])
        shape = req["shape"]
        reads = []
        for _i, address in self.neurons(shape):
            ev = self.mod.event.ReadNeuronValue()
            ev.layer = layer
            ev.address = address
            reads.append(ev)
        self.sink.get_events()
        self.source.write(reads)
        by_address = {}
        deadline = time.monotonic() + float(req.get("timeout_ms", 2000)) / 1000.0
        while len(by_address) < len(reads) and time.monotonic() < deadline:
            for ev in self.sink.get_events():
                if isinstance(ev, self.mod.event.NeuronValue) and ev.layer == layer:
                    by_address[ev.address] = ev.neuron_state
            if len(by_address) < len(reads):
                time.sleep(0.005)
        missing = [i for i, a in self.neurons(shape) if a not in by_address]
        if missing:
            raise BridgeError(
                "SAMNA",
                "core %d: no NeuronValue for %d of %d neurons within the timeout" % (layer, len(missing), len(reads)),
            )
        return {"values": [by_address[a] for _i, a in self.neurons(shape)]}

    def op_write_state(self, req):
        self.need_device()
        layer = int(req["layer"])
        values = req["values"]
        writes = []
        for i, address in self.neurons(req["shape"]):
            ev = self.mod.event.WriteNeuronValue()
            ev.layer = layer
            ev.address = address
            ev.neuron_state = values[i]
            writes.append(ev)
        self.source.write(writes)
        return {}

    def op_reset(self, _req):
        self.need_device()
        if self.config is not None:
            self.apply(self.config)
        return {}

    def op_status(self, _req):
        return dict(self.counters)

    def op_close(self, _req):
        for g in self.graphs:
            try:
                g.stop()
            except Exception:  # noqa: BLE001
                pass
        if self.device is not None:
            try:
                self.samna.device.close_device(self.device)
            except Exception:  # noqa: BLE001
                pass
        self.device = None
        return {}


def main():
    # The protocol gets the real stdout; whatever samna prints goes to stderr.
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    if sys.version_info < (3, 8):
        proto.write(json.dumps({"id": 0, "ok": False, "code": "PYTHON", "error": "the samna bridge needs Python >= 3.8"}) + "\n")
        proto.flush()
        return 1
    bridge = Bridge()
    for line in sys.stdin:
        if not line.strip():
            continue
        req = {}
        try:
            req = json.loads(line)
            handler = getattr(bridge, "op_" + str(req.get("op")), None)
            if handler is None:
                raise BridgeError("USAGE", "unknown op %r" % req.get("op"))
            answer = handler(req)
            answer["id"] = req.get("id")
            answer["ok"] = True
        except BridgeError as e:
            answer = {"id": req.get("id"), "ok": False, "code": e.code, "error": one_line(e)}
        except Exception as e:  # noqa: BLE001 (samna's own errors: one line with its message)
            answer = {"id": req.get("id"), "ok": False, "code": "SAMNA", "error": "samna: %s: %s" % (type(e).__name__, one_line(e))}
        proto.write(json.dumps(answer) + "\n")
        proto.flush()
        if req.get("op") == "close":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
