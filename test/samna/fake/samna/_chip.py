"""The fake chip: a small integer model of the chip's semantics (shared/docs/chip-spec.md "Neuron
semantics": time-stepped multi-spike integrate-and-fire, int16 saturation, subtract or zero reset,
floor at threshold_low, sum pooling on the way to each destination), built from the samna
configuration alone. It knows nothing of spikeforge: what it computes is what the configuration says.

Steps are slow-clock ticks on the stop watch; an input Spike (or DvsEvent) counts in the step of its
timestamp. Output Spikes carry the step's time plus a little latency per layer.
"""

import time


def log2(n):
    """ceil(log2 n) for n >= 1."""
    return (n - 1).bit_length()


def made(cls, fields):
    """An output event the chip makes (no checks: its fields are the chip's own)."""
    ev = cls.__new__(cls)
    ev.__dict__.update(fields)
    return ev


class Layer:
    """One configured core, read from the samna configuration only."""

    def __init__(self, index, l):
        d = l.dimensions
        self.index = index
        self.C = d.input_shape.feature_count
        self.Hin, self.Win = d.input_shape.size.y, d.input_shape.size.x
        self.F = d.output_shape.feature_count
        self.H, self.W = d.output_shape.size.y, d.output_shape.size.x
        self.k, self.sx, self.sy, self.px, self.py = d.kernel_size, d.stride.x, d.stride.y, d.padding.x, d.padding.y
        k, F = self.k, self.F
        # weights[f][c][x][y] -> per (c, kx, ky) the column over f
        self.wcol = {}
        for c in range(self.C):
            for kx in range(k):
                for ky in range(k):
                    col = [l.weights[f][c][kx][ky] for f in range(F)]
                    if any(col):
                        self.wcol[(c, kx, ky)] = col
        self.bias = list(l.biases)
        self.leak = l.leak_enable
        self.rtz = l.return_to_zero
        self.th, self.low = l.threshold_high, l.threshold_low
        self.monitor = l.monitor_enable
        self.dests = [(dd.layer, dd.pooling) for dd in l.destinations if dd.enable]
        self.initial = [0] * (F * self.H * self.W)
        for f in range(F):
            for x in range(self.W):
                for y in range(self.H):
                    self.initial[(f * self.H + y) * self.W + x] = l.neurons_initial_value[f][x][y]
        self.v = list(self.initial)

    def step(self, counts, leak_tick):
        """One step: inputs {(c, y, x): n}; returns [(f, y, x, n)] spikes."""
        H, W, F, HW = self.H, self.W, self.F, self.H * self.W
        v = self.v
        touched = set()
        for (c, iy, ix), n in counts.items():
            for ky in range(self.k):
                ny = iy + self.py - ky
                if ny < 0 or ny % self.sy:
                    continue
                oy = ny // self.sy
                if oy >= H:
                    continue
                for kx in range(self.k):
                    col = self.wcol.get((c, kx, ky))
                    if col is None:
                        continue
                    nx = ix + self.px - kx
                    if nx < 0 or nx % self.sx:
                        continue
                    ox = nx // self.sx
                    if ox >= W:
                        continue
                    base = oy * W + ox
                    touched.add(base)
                    for f in range(F):
                        w = col[f]
                        if w:
                            v[f * HW + base] += n * w
        if leak_tick and self.leak:
            for f in range(F):
                b = self.bias[f]
                if b:
                    for j in range(f * HW, (f + 1) * HW):
                        v[j] += b
            cells = range(F * HW)
        else:
            cells = [f * HW + b for b in touched for f in range(F)]
        out = []
        th, low = self.th, self.low
        for i in cells:
            x = v[i]
            if x > 32767:
                x = 32767
            elif x < -32768:
                x = -32768
            n = x // th if x > 0 else 0
            if n > 0:
                x = 0 if self.rtz else x - n * th
                f, rest = divmod(i, HW)
                out.append((f, rest // W, rest % W, n))
            if x < low:
                x = low
            v[i] = x
        return out


class Chip:
    def __init__(self, devkit):
        self.devkit = devkit
        self.layers = {}
        self.order = []
        self.dvs = None
        self.pending = {}  # step -> {layer: {(c, y, x): n}}
        self.next_step = 0
        self.outputs = []
        self.dropped = 0

    def configure(self, config):
        self.layers = {i: Layer(i, l) for i, l in enumerate(config.cnn_layers) if l._used}
        indeg = {i: 0 for i in self.layers}
        for l in self.layers.values():
            for d, _p in l.dests:
                indeg[d] += 1
        ready = sorted(i for i, n in indeg.items() if n == 0)
        self.order = []
        while ready:
            i = ready.pop(0)
            self.order.append(i)
            for d, _p in self.layers[i].dests:
                indeg[d] -= 1
                if indeg[d] == 0:
                    ready.append(d)
                    ready.sort()
        self.dvs = config.dvs_layer
        self.pending = {}
        self.outputs = []
        self.next_step = 0

    def rebase(self):
        """The stop watch was reset: step 0 starts now."""
        self.pending = {}
        self.next_step = 0

    def ticking(self):
        """The slow clock runs: the leak (biases) ticks once per step."""
        io = self.devkit._io
        return bool(io._slow_clk and io._rate)

    def step_us(self):
        """A step is a slow-clock tick; without the slow clock, every microsecond is its own step."""
        return int(round(1e6 / self.devkit._io._rate)) if self.ticking() else 1

    def now_step(self):
        return self.devkit._stop_watch.now_us() // self.step_us()

    def clock_changed(self):
        """The slow clock was switched: count steps in the new unit from now on."""
        self.pending = {}
        self.next_step = self.now_step()

    def _add(self, step, layer, c, y, x, n=1):
        l = self.layers.get(layer)
        if l is None or not (0 <= c < l.C and 0 <= y < l.Hin and 0 <= x < l.Win):
            self.dropped += n
            return
        cell = self.pending.setdefault(step, {}).setdefault(layer, {})
        cell[(c, y, x)] = cell.get((c, y, x), 0) + n

    def receive(self, events, family):
        started = time.monotonic()
        try:
            self._receive(events, family)
        finally:
            self.devkit._stop_watch.pause(time.monotonic() - started)

    def _receive(self, events, family):
        ev_mod = family.event
        for ev in events:
            if isinstance(ev, ev_mod.Spike):
                self._add(self._step_of(ev.timestamp), ev.layer, ev.feature, ev.y, ev.x)
            elif isinstance(ev, ev_mod.DvsEvent):
                self._dvs(ev)
            elif isinstance(ev, ev_mod.ReadNeuronValue):
                self._advance()
                self.outputs.append(self._read(ev, ev_mod))
            elif isinstance(ev, ev_mod.WriteNeuronValue):
                l = self.layers[ev.layer]
                c, x, y = self._cxy(l, ev.address)
                l.v[(c * l.H + y) * l.W + x] = ev.neuron_state
            else:
                raise TypeError("the %s input node does not take %r" % (family.__name__, ev))

    def _step_of(self, timestamp):
        return max(timestamp // self.step_us(), self.next_step)

    def _dvs(self, ev):
        d = self.dvs
        x, y = ev.x, ev.y
        if not (d.origin.x <= x <= d.cut.x and d.origin.y <= y <= d.cut.y):
            return
        x, y = x - d.origin.x, y - d.origin.y
        if d.mirror.y:
            y = d.cut.y - d.origin.y - y
        if d.mirror.x:
            x = d.cut.x - d.origin.x - x
        if d.mirror_diagonal:
            x, y = y, x
        x, y = x // d.pooling.x, y // d.pooling.y
        c = 0 if d.merge else ev.p
        for dest in d.destinations:
            if dest.enable:
                self._add(self._step_of(ev.timestamp), dest.layer, c, y, x)

    def _cxy(self, l, address):
        cb, xb = log2(l.F), log2(l.W)
        return address & ((1 << cb) - 1), (address >> cb) & ((1 << xb) - 1), address >> (cb + xb)

    def _read(self, ev, ev_mod):
        l = self.layers[ev.layer]
        c, x, y = self._cxy(l, ev.address)
        out = ev_mod.NeuronValue()
        out.layer, out.address = ev.layer, ev.address
        out.neuron_state = l.v[(c * l.H + y) * l.W + x]
        return out

    def advance(self):
        """Runs every step whose time has passed on the stop watch (steps are slow-clock ticks)."""
        started = time.monotonic()
        try:
            self._advance()
        finally:
            self.devkit._stop_watch.pause(time.monotonic() - started)

    def _advance(self):
        upto = self.now_step()
        family = self.devkit._family
        step_us = self.step_us()
        ticking = self.ticking()
        while self.next_step < upto:
            if not ticking:
                # nothing happens in a step without input when the leak does not tick
                due = [s for s in self.pending if self.next_step <= s < upto]
                if not due:
                    self.next_step = upto
                    break
                self.next_step = min(due)
            t = self.next_step
            incoming = self.pending.pop(t, {})
            Spike = family.event.Spike
            for pos, i in enumerate(self.order):
                # a little latency per layer (within the tick when the slow clock runs)
                latency = 7 * (pos + 1)
                stamp = t * step_us + (min(latency, step_us - 1) if ticking else latency)
                l = self.layers[i]
                counts = incoming.get(i, {})
                if not counts and not (l.leak and ticking):
                    continue
                spikes = l.step(counts, ticking)
                for f, y, x, n in spikes:
                    if l.monitor:
                        fields = {"layer": i, "x": x, "y": y, "feature": f, "timestamp": stamp}
                        for _ in range(n):
                            self.outputs.append(made(Spike, fields))
                    for d, p in l.dests:
                        cell = incoming.setdefault(d, {})
                        key = (f, y // p, x // p)
                        nxt = self.layers[d]
                        if key[1] < nxt.Hin and key[2] < nxt.Win:
                            cell[key] = cell.get(key, 0) + n
            self.next_step += 1
