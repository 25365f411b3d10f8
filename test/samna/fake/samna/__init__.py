"""A fake `samna` for tests (standard library only): exactly the classes and attributes the spikeforge
bridge uses, named as sinabs uses them. It refuses unknown attributes and wrong shapes, records what
was applied, and answers input `Spike` events with the output of a small integer model of the chip
(../../../../shared/docs/chip-spec.md "Neuron semantics"), written here from the samna configuration
alone, independently of spikeforge's emulator.

The chip model itself is in _chip.py. Environment: FAKE_SAMNA_DEVICES (JSON list of
[device_type_name, serial]; default one Speck2fDevKit), FAKE_SAMNA_BUSY=1 (open_device fails),
FAKE_SAMNA_RECORD=<file> (what was applied, one JSON line per apply), FAKE_SAMNA_WITHOUT=<names>
(an older samna: these attributes are missing: speck2f, get_configuration, get_io_module).
"""

import json
import os
import sys
import time
import types

from ._chip import Chip, log2

__version__ = "0.99.0-fake"

CORES = 9
KERNEL_MEMORY = [16384, 16384, 16384, 32768, 32768, 65536, 65536, 16384, 16384]
NEURON_MEMORY = [65536, 65536, 65536, 32768, 32768, 16384, 16384, 16384, 16384]


def _module(name):
    m = types.ModuleType(name)
    sys.modules[name] = m
    return m


def _int(v, lo=-(2**31), hi=2**31 - 1):
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("expected an integer, got %r" % (v,))
    if not lo <= v <= hi:
        raise ValueError("%d out of range %d..%d" % (v, lo, hi))
    return v


def _bool(v):
    if not isinstance(v, bool):
        raise TypeError("expected a bool, got %r" % (v,))
    return v


def _nested(v, shape, lo, hi, what):
    """A nested list of ints with exactly `shape`, copied."""
    if len(shape) == 0:
        return _int(v, lo, hi)
    if not isinstance(v, list) or len(v) != shape[0]:
        got = len(v) if isinstance(v, list) else type(v).__name__
        raise ValueError("%s: expected %d entries along an axis of shape %s, got %s" % (what, shape[0], shape, got))
    return [_nested(x, shape[1:], lo, hi, what) for x in v]


class _Strict:
    """Attributes only from _fields (name -> converter); anything else is refused, as pybind11 does."""

    _fields = {}

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        conv = self._fields.get(name)
        if conv is None:
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
        object.__setattr__(self, name, conv(self, value))

    def __getattr__(self, name):
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))


def _from_dict(cls, value):
    if isinstance(value, cls):
        return value
    if not isinstance(value, dict):
        raise TypeError("expected %s or a dict, got %r" % (cls.__name__, value))
    out = cls()
    for k, v in value.items():
        setattr(out, k, v)
    missing = [k for k in cls._fields if k not in value]
    if missing:
        raise TypeError("%s: missing %s" % (cls.__name__, ", ".join(missing)))
    return out


class Vec2(_Strict):
    _fields = {"x": lambda s, v: _int(v, 0, 1023), "y": lambda s, v: _int(v, 0, 1023)}

    def __init__(self):
        self.x = 0
        self.y = 0


class Vec2Bool(_Strict):
    _fields = {"x": lambda s, v: _bool(v), "y": lambda s, v: _bool(v)}

    def __init__(self):
        self.x = False
        self.y = False


class FeatureShape(_Strict):
    _fields = {"size": lambda s, v: _from_dict(Vec2, v), "feature_count": lambda s, v: _int(v, 1, 1024)}

    def __init__(self):
        self.size = {"x": 1, "y": 1}
        self.feature_count = 1


class CNNLayerDimensions(_Strict):
    _fields = {
        "input_shape": lambda s, v: _from_dict(FeatureShape, v),
        "output_shape": lambda s, v: _from_dict(FeatureShape, v),
        "padding": lambda s, v: _from_dict(Vec2, v),
        "stride": lambda s, v: _from_dict(Vec2, v),
        "kernel_size": lambda s, v: _int(v, 1, 16),
    }

    def __init__(self):
        self.input_shape = {"size": {"x": 1, "y": 1}, "feature_count": 1}
        self.output_shape = {"size": {"x": 1, "y": 1}, "feature_count": 1}
        self.padding = {"x": 0, "y": 0}
        self.stride = {"x": 1, "y": 1}
        self.kernel_size = 1


def _pooling(s, v):
    if _int(v) not in (1, 2, 4):
        raise ValueError("pooling must be 1, 2 or 4, got %d" % v)
    return v


class CNNLayerDestination(_Strict):
    _fields = {"layer": lambda s, v: _int(v, 0, 13), "enable": lambda s, v: _bool(v), "pooling": _pooling}

    def __init__(self):
        self.layer = 0
        self.enable = False
        self.pooling = 1


class DVSLayerDestination(_Strict):
    _fields = {"layer": lambda s, v: _int(v, 0, 13), "enable": lambda s, v: _bool(v)}

    def __init__(self):
        self.layer = 0
        self.enable = False


def _fixed(s, v):
    raise AttributeError("can't set attribute")


def _weights(s, v):
    d = s.dimensions
    f, c, k = d.output_shape.feature_count, d.input_shape.feature_count, d.kernel_size
    return _nested(v, [f, c, k, k], -128, 127, "weights [out][in][x][y]")


def _biases(s, v):
    return _nested(v, [s.dimensions.output_shape.feature_count], -32768, 32767, "biases")


def _initial(s, v):
    o = s.dimensions.output_shape
    return _nested(v, [o.feature_count, o.size.x, o.size.y], -32768, 32767, "neurons_initial_value [f][x][y]")


class CNNLayerConfig(_Strict):
    _fields = {
        "dimensions": lambda s, v: _from_dict(CNNLayerDimensions, v),
        "destinations": _fixed,
        "weights": _weights,
        "biases": _biases,
        "leak_enable": lambda s, v: _bool(v),
        "return_to_zero": lambda s, v: _bool(v),
        "threshold_high": lambda s, v: _int(v, -32768, 32767),
        "threshold_low": lambda s, v: _int(v, -32768, 32767),
        "monitor_enable": lambda s, v: _bool(v),
        "neurons_initial_value": _initial,
    }

    def __init__(self):
        self.dimensions = CNNLayerDimensions()
        object.__setattr__(self, "destinations", [CNNLayerDestination(), CNNLayerDestination()])
        self.weights = [[[[0]]]]
        self.biases = [0]
        self.leak_enable = False
        self.return_to_zero = False
        self.threshold_high = 1
        self.threshold_low = -1
        self.monitor_enable = False
        self.neurons_initial_value = [[[0]]]
        object.__setattr__(self, "_used", False)

    def __setattr__(self, name, value):
        _Strict.__setattr__(self, name, value)
        if name == "weights":
            object.__setattr__(self, "_used", True)


class DVSLayerConfig(_Strict):
    _fields = {
        "merge": lambda s, v: _bool(v),
        "mirror": lambda s, v: _from_dict(Vec2Bool, v),
        "mirror_diagonal": lambda s, v: _bool(v),
        "cut": lambda s, v: _from_dict(Vec2, v),
        "origin": lambda s, v: _from_dict(Vec2, v),
        "pooling": lambda s, v: _from_dict(Vec2, v),
        "pass_sensor_events": lambda s, v: _bool(v),
        "destinations": _fixed,
    }

    def __init__(self):
        self.merge = False
        self.mirror = {"x": False, "y": False}
        self.mirror_diagonal = False
        self.cut = {"x": 127, "y": 127}
        self.origin = {"x": 0, "y": 0}
        self.pooling = {"x": 1, "y": 1}
        self.pass_sensor_events = True
        object.__setattr__(self, "destinations", [DVSLayerDestination(), DVSLayerDestination()])


class SpeckConfiguration(_Strict):
    _fields = {"cnn_layers": _fixed, "dvs_layer": _fixed}

    def __init__(self):
        object.__setattr__(self, "cnn_layers", [CNNLayerConfig() for _ in range(CORES)])
        object.__setattr__(self, "dvs_layer", DVSLayerConfig())


def _plain(obj):
    """A configuration object as plain data (for the record and get_configuration's deep copy)."""
    if isinstance(obj, list):
        return [_plain(x) for x in obj]
    if isinstance(obj, _Strict):
        return {k: _plain(obj.__dict__[k]) for k in type(obj)._fields}
    return obj


def validate_configuration(config):
    """(ok, message) like samna's: the chip's limits, and shapes that agree across destinations."""
    if not isinstance(config, SpeckConfiguration):
        return False, "not a SpeckConfiguration of this family"
    layers = config.cnn_layers
    for i, l in enumerate(layers):
        if not l._used:
            continue
        d = l.dimensions
        k, s, p = d.kernel_size, d.stride, d.padding
        if s.x not in (1, 2, 4, 8) or s.y not in (1, 2, 4, 8):
            return False, "layer %d: stride %d,%d not in 1, 2, 4, 8" % (i, s.x, s.y)
        if p.x > 7 or p.y > 7:
            return False, "layer %d: padding above 7" % i
        for axis in ("x", "y"):
            n_in = getattr(d.input_shape.size, axis)
            n_out = getattr(d.output_shape.size, axis)
            if n_in > 128 or n_out > 128:
                return False, "layer %d: feature map larger than 128" % i
            want = (n_in + 2 * getattr(p, axis) - k) // getattr(s, axis) + 1
            if n_out != want:
                return False, "layer %d: output size %s %d, the kernel gives %d" % (i, axis, n_out, want)
        f, c = d.output_shape.feature_count, d.input_shape.feature_count
        kernel = c * 2 ** (log2(k * k) + log2(f))
        neuron = f * 2 ** (log2(d.output_shape.size.y) + log2(d.output_shape.size.x))
        if kernel > KERNEL_MEMORY[i]:
            return False, "layer %d: kernel memory %d > %d" % (i, kernel, KERNEL_MEMORY[i])
        if neuron > NEURON_MEMORY[i]:
            return False, "layer %d: neuron memory %d > %d" % (i, neuron, NEURON_MEMORY[i])
        if l.threshold_high <= 0 or l.threshold_low >= l.threshold_high:
            return False, "layer %d: thresholds %d / %d" % (i, l.threshold_low, l.threshold_high)
        for dest in l.destinations:
            if not dest.enable:
                continue
            if dest.layer >= CORES or dest.layer == i or not layers[dest.layer]._used:
                return False, "layer %d: destination %d is not a configured layer" % (i, dest.layer)
            nxt = layers[dest.layer].dimensions.input_shape
            if (
                nxt.feature_count != f
                or nxt.size.x != d.output_shape.size.x // dest.pooling
                or nxt.size.y != d.output_shape.size.y // dest.pooling
            ):
                return False, "layer %d: output (pooled %d) does not match the input of layer %d" % (
                    i,
                    dest.pooling,
                    dest.layer,
                )
    return True, ""


# --- events ---------------------------------------------------------------------------------------


def _event_class(name, fields):
    def init(self):
        for f in fields:
            object.__setattr__(self, f, 0)

    conv = {f: (lambda s, v: _int(v, 0, 2**63 - 1)) if f != "neuron_state" else (lambda s, v: _int(v, -32768, 32767)) for f in fields}
    return type(name, (_Strict,), {"_fields": conv, "__init__": init, "__repr__": lambda s: "%s(%s)" % (name, s.__dict__)})


# --- devices, nodes, graph ----------------------------------------------------------------------------


class _StopWatch:
    """Chip time. The model computes in no time on a real chip: time spent computing here is not counted."""

    def __init__(self, devkit):
        self._devkit = devkit
        self._t0 = None
        self._running = False
        self._held = 0
        self._paused = 0.0

    def reset(self):
        self._t0 = time.monotonic()
        self._held = 0
        self._paused = 0.0
        self._devkit._chip.rebase()

    def start(self):
        if self._t0 is None:
            self._t0 = time.monotonic()
        self._running = True

    def stop(self):
        self._held = self.now_us()
        self._running = False

    def now_us(self):
        if not self._running or self._t0 is None:
            return self._held
        return int((time.monotonic() - self._t0 - self._paused) * 1e6)

    def pause(self, seconds):
        self._paused += seconds


class _IoModule:
    def __init__(self, devkit):
        self._devkit = devkit
        self._slow_clk = False
        self._rate = 0

    def set_slow_clk(self, on):
        _bool(on)
        chip = self._devkit._chip
        chip.advance()
        if on != self._slow_clk:
            self._slow_clk = on
            chip.clock_changed()

    def set_slow_clk_rate(self, hz):
        self._rate = _int(hz, 1, 10**7)


class _ModelSinkNode:
    def __init__(self, model):
        self._model = model


class _ModelSourceNode:
    def __init__(self, model):
        self._model = model


class _Model:
    def __init__(self, devkit):
        self._devkit = devkit
        self._sink = _ModelSinkNode(self)
        self._source = _ModelSourceNode(self)
        self._applied = None

    def apply_configuration(self, config):
        fam = self._devkit._family
        if not isinstance(config, fam.configuration.SpeckConfiguration):
            raise TypeError("apply_configuration: expected %s.configuration.SpeckConfiguration" % fam.__name__)
        ok, message = validate_configuration(config)
        if not ok:
            raise RuntimeError("invalid configuration: " + message)
        plain = _plain(config)
        used = [l._used for l in config.cnn_layers]
        self._applied = (plain, used)
        self._devkit._chip.configure(_fill(fam.configuration.SpeckConfiguration(), plain, used))
        record = os.environ.get("FAKE_SAMNA_RECORD")
        if record:
            with open(record, "a", encoding="utf-8") as f:
                line = {"device": self._devkit._info.serial_number, "used": [i for i, u in enumerate(used) if u]}
                line["slow_clk_rate"] = self._devkit._io._rate
                line["config"] = plain
                f.write(json.dumps(line) + "\n")

    def get_configuration(self):
        config = self._devkit._family.configuration.SpeckConfiguration()
        return config if self._applied is None else _fill(config, *self._applied)

    def get_sink_node(self):
        return self._sink

    def get_source_node(self):
        return self._source


def _fill(config, plain, used):
    """A configuration rebuilt from plain data (a deep copy that samna's own objects would make)."""
    for i, l in enumerate(plain["cnn_layers"]):
        target = config.cnn_layers[i]
        target.dimensions = l["dimensions"]
        for j, d in enumerate(l["destinations"]):
            for k, v in d.items():
                setattr(target.destinations[j], k, v)
        for k in CNNLayerConfig._fields:
            if k not in ("dimensions", "destinations"):
                setattr(target, k, l[k])
        object.__setattr__(target, "_used", used[i])
    dvs = plain["dvs_layer"]
    for k in DVSLayerConfig._fields:
        if k != "destinations":
            setattr(config.dvs_layer, k, dvs[k])
    for j, d in enumerate(dvs["destinations"]):
        for k, v in d.items():
            setattr(config.dvs_layer.destinations[j], k, v)
    return config


class _DevKit:
    def __init__(self, info, family):
        self._info = info
        self._family = family
        self._model = _Model(self)
        self._chip = Chip(self)
        self._stop_watch = _StopWatch(self)
        self._io = _IoModule(self)

    def get_model(self):
        return self._model

    def get_stop_watch(self):
        return self._stop_watch

    def get_io_module(self):
        return self._io


_DEVKITS = []


class DeviceInfo(_Strict):
    _fields = {
        "device_type_name": lambda s, v: v,
        "serial_number": lambda s, v: v,
        "usb_bus_number": lambda s, v: v,
        "usb_device_address": lambda s, v: v,
    }


def _get_all_devices():
    spec = json.loads(os.environ.get("FAKE_SAMNA_DEVICES", '[["Speck2fDevKit", "FAKE-0001"]]'))
    out = []
    for n, (kind, serial) in enumerate(spec):
        d = DeviceInfo()
        d.device_type_name, d.serial_number, d.usb_bus_number, d.usb_device_address = kind, serial, 1, 10 + n
        out.append(d)
    return out


def _open_device(info):
    if not isinstance(info, DeviceInfo):
        raise TypeError("open_device: expected a DeviceInfo")
    if os.environ.get("FAKE_SAMNA_BUSY") == "1":
        raise RuntimeError("Device is already opened by another process")
    family = speck2f if info.device_type_name.startswith("Speck2f") else speck2e
    dk = _DevKit(info, family)
    _DEVKITS.append(dk)
    return dk


def _close_device(dk):
    if dk in _DEVKITS:
        _DEVKITS.remove(dk)


class _EventFilterGraph:
    def __init__(self):
        self._edges = None
        self._running = False

    def sequential(self, nodes):
        if len(nodes) != 2:
            raise TypeError("fake EventFilterGraph.sequential takes [source, sink]")
        a, b = nodes
        if isinstance(b, _ModelSinkNode) and type(a).__name__.startswith("BasicSourceNode_"):
            a._target = (self, b._model)
        elif isinstance(a, _ModelSourceNode) and type(b).__name__.startswith("BasicSinkNode_"):
            b._source = (self, a._model)
        else:
            raise TypeError("fake EventFilterGraph cannot connect %s to %s" % (type(a).__name__, type(b).__name__))
        self._edges = (a, b)
        return [a, b]

    def start(self):
        self._running = True
        return True

    def stop(self):
        self._running = False
        return True


def _source_node(family_name):
    def write(self, events):
        graph, model = self._target
        if not graph._running:
            raise RuntimeError("graph not started")
        fam = model._devkit._family
        if fam.__name__ != "samna." + family_name:
            raise TypeError("a %s node cannot feed a %s board" % (family_name, fam.__name__))
        model._devkit._chip.receive(list(events), fam)

    def init(self):
        self._target = None

    return type("BasicSourceNode_%s" % family_name, (), {"__init__": init, "write": write})


def _sink_node(family_name):
    def get_events(self):
        if self._source is None:
            return []
        graph, model = self._source
        chip = model._devkit._chip
        chip.advance()
        out, chip.outputs = chip.outputs, []
        return out if graph._running else []

    def init(self):
        self._source = None

    return type("BasicSinkNode_%s_event_output_event" % family_name, (), {"__init__": init, "get_events": get_events})


device = _module("samna.device")
device.DeviceInfo = DeviceInfo
device.get_all_devices = _get_all_devices
device.open_device = _open_device
device.close_device = _close_device

graph = _module("samna.graph")
graph.EventFilterGraph = _EventFilterGraph


def _family(name):
    fam = _module("samna." + name)
    conf = _module("samna.%s.configuration" % name)
    conf.SpeckConfiguration = type("SpeckConfiguration", (SpeckConfiguration,), {})
    fam.configuration = conf
    ev = _module("samna.%s.event" % name)
    ev.Spike = _event_class("Spike", ("layer", "x", "y", "feature", "timestamp"))
    ev.DvsEvent = _event_class("DvsEvent", ("x", "y", "p", "timestamp"))
    ev.ReadNeuronValue = _event_class("ReadNeuronValue", ("layer", "address"))
    ev.WriteNeuronValue = _event_class("WriteNeuronValue", ("layer", "address", "neuron_state"))
    ev.NeuronValue = _event_class("NeuronValue", ("layer", "address", "neuron_state"))
    fam.event = ev

    def validate(config):
        if not isinstance(config, conf.SpeckConfiguration):
            return False, "not a samna.%s.configuration.SpeckConfiguration" % name
        return validate_configuration(config)

    fam.validate_configuration = validate
    return fam


speck2f = _family("speck2f")
speck2e = _family("speck2e")
BasicSourceNode_speck2f_event_input_event = _source_node("speck2f")
BasicSinkNode_speck2f_event_output_event = _sink_node("speck2f")
BasicSourceNode_speck2e_event_speck2e_input_event = _source_node("speck2e")
BasicSinkNode_speck2e_event_output_event = _sink_node("speck2e")

# An older samna: without some of what the bridge uses.
for _name in os.environ.get("FAKE_SAMNA_WITHOUT", "").split(","):
    if _name == "get_configuration":
        del _Model.get_configuration
    elif _name == "get_io_module":
        del _DevKit.get_io_module
    elif _name:
        globals().pop(_name, None)
