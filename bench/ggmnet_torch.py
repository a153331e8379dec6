#!/usr/bin/python3
"""GGMNet and the U-Net baseline rebuilt in PyTorch from a GisBridge model folder (model.safetensors + its card).

The modules mirror src/Algorithms/Lithology/Network one for one, with the same parameter names, so the TorchSharp
state dict loads with strict=True. The deformable convolution is torchvision.ops.deform_conv2d when torchvision is
installed; Debian ships no python3-torchvision, so the default is an explicit DCNv1 bilinear gather written from the
paper's formula (four corners, zero outside), independent of the grid_sample formulation GisBridge uses. "--deform
grid_sample" selects that same formulation instead (the fair choice for speed).

  compare MODEL_DIR IO.safetensors [--deform gather|grid_sample]
      IO holds "input" [N, C, H, W] and "logits" (GisBridge's, eval mode); prints JSON with the max |difference|.
  bench MODEL_DIR IO.safetensors --repeat R [--threads T] [--deform ...] [--no-mkldnn]
      also times R forward passes on IO's input (after one warm-up) and prints seconds per pass.
"""
import argparse
import json
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

_DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8}


def read_safetensors(path):
    """Returns (dict name -> numpy array, metadata dict)."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    arrays = {}
    for name, h in header.items():
        a, b = h["data_offsets"]
        arrays[name] = np.frombuffer(data[a:b], dtype=_DTYPES[h["dtype"]]).reshape(h["shape"]).copy()
    return arrays, meta


def resize(x, h, w):
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


class ConvBnRelu(nn.Module):
    def __init__(self, cin, cout, k=3, stride=1, relu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.relu = relu

    def forward(self, x):
        y = self.bn(self.conv(x))
        return F.relu(y) if self.relu else y


class ZoomedConv(nn.Module):
    def __init__(self, cin, cout, stride, layers, last_relu):
        super().__init__()
        self.stride = stride
        self.body = (ConvBnRelu(cin, cout, 3, 1, last_relu) if layers == 1 else
                     nn.Sequential(ConvBnRelu(cin, cout, 3, 1, True), ConvBnRelu(cout, cout, 3, 1, last_relu)))

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        oh, ow = (h + self.stride - 1) // self.stride, (w + self.stride - 1) // self.stride
        small = resize(x, max(1, (oh + 1) // 2), max(1, (ow + 1) // 2))
        return resize(self.body(small), oh, ow)


def projection(cin, cout, stride, relu):
    return nn.Identity() if cin == cout and stride == 1 else ConvBnRelu(cin, cout, 1, stride, relu)


class MrfemLayer(nn.Module):
    def __init__(self, op, cin, cout, stride, residual):
        super().__init__()
        skip = op == "skip"
        self.residual = residual and not skip
        last = not self.residual
        if op == "conv":
            self.body = ConvBnRelu(cin, cout, 3, stride, last)
        elif op == "conv2":
            self.body = nn.Sequential(ConvBnRelu(cin, cout, 3, stride, True), ConvBnRelu(cout, cout, 3, 1, last))
        elif op in ("zoomed_conv", "zoomed_conv2"):
            self.body = ZoomedConv(cin, cout, stride, 1 if op == "zoomed_conv" else 2, last)
        elif skip:
            self.body = projection(cin, cout, stride, True)
        else:
            raise ValueError(f"unknown MRFEM operator {op!r}")
        self.shortcut = projection(cin, cout, stride, False) if self.residual else nn.Identity()

    def forward(self, x):
        y = self.body(x)
        return F.relu(y + self.shortcut(x)) if self.residual else y


class MultiResolutionModule(nn.Module):
    def __init__(self, genotype, cin, unit, residual):
        super().__init__()
        b = genotype["branches"]
        self.from16, self.from32 = b[1]["from"], b[2]["from"]
        self.branch8 = self._branch(b[0], cin, unit, residual)
        in16 = cin if self.from16 == 0 else b[0]["layers"][self.from16 - 1]["expansion"] * unit
        self.branch16 = self._branch(b[1], in16, unit, residual)
        in32 = in16 if self.from32 == 0 else b[1]["layers"][self.from32 - 1]["expansion"] * unit
        self.branch32 = self._branch(b[2], in32, unit, residual)
        self.out_channels = [br["layers"][-1]["expansion"] * unit for br in b]

    @staticmethod
    def _branch(br, cin, unit, residual):
        layers, c = [], cin
        for i, l in enumerate(br["layers"]):
            stride = 2 if br["scale"] > 8 and i == 0 else 1
            layers.append(MrfemLayer(l["op"], c, l["expansion"] * unit, stride, residual))
            c = l["expansion"] * unit
        return nn.ModuleList(layers)

    @staticmethod
    def _run(branch, x, tap):
        tapped, y = (x if tap == 0 else None), x
        for i, layer in enumerate(branch):
            y = layer(y)
            if i + 1 == tap:
                tapped = y
        return y, tapped

    def forward(self, x):
        o8, s16 = self._run(self.branch8, x, self.from16)
        o16, s32 = self._run(self.branch16, s16, self.from32)
        o32, _ = self._run(self.branch32, s32, -1)
        return o8, o16, o32


class AttentionRefinementModule(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.refine = ConvBnRelu(cin, cout, 3)
        self.attention = nn.Conv2d(cout, cout, 1)

    def forward(self, x):
        f = self.refine(x)
        return f * torch.sigmoid(self.attention(F.adaptive_avg_pool2d(f, 1)))


class FeatureFusionModule(nn.Module):
    def __init__(self, cin, cout, reweight):
        super().__init__()
        self.balance = nn.BatchNorm2d(cin)
        self.mix = ConvBnRelu(cin, cout, 1)
        hidden = max(1, cout // 4)
        self.squeeze = nn.Conv2d(cout, hidden, 1)
        self.excite = nn.Conv2d(hidden, cout, 1)
        self.reweight = reweight

    def forward(self, features):
        cat = torch.cat(features, 1)
        f = self.mix(self.balance(cat) if self.reweight else cat)
        if not self.reweight:
            return f
        w = torch.sigmoid(self.excite(F.relu(self.squeeze(F.adaptive_avg_pool2d(f, 1)))))
        return f + f * w


def bilinear_gather(x, py, px):
    """x [N, C, H, W]; py, px [N, K, H, W] sample positions in pixels; bilinear, zero outside. -> [N, C, K, H, W]."""
    n, c, h, w = x.shape
    k = py.shape[1]
    flat = x.reshape(n, c, h * w)
    y0, x0 = torch.floor(py), torch.floor(px)
    out = torch.zeros(n, c, k * h * w, dtype=x.dtype)
    for dy in (0, 1):
        for dx in (0, 1):
            yc, xc = y0 + dy, x0 + dx
            wgt = (1 - (py - yc).abs()) * (1 - (px - xc).abs())
            valid = (yc >= 0) & (yc <= h - 1) & (xc >= 0) & (xc <= w - 1)
            idx = (yc.clamp(0, h - 1) * w + xc.clamp(0, w - 1)).long().reshape(n, 1, k * h * w).expand(n, c, k * h * w)
            out += torch.gather(flat, 2, idx) * (wgt * valid).reshape(n, 1, k * h * w)
    return out.reshape(n, c, k, h, w)


class DeformableConv2d(nn.Module):
    """3x3 DCNv1, stride 1, padding 1; offset channels (dy, dx) per tap, taps row-major (torchvision's layout)."""

    mode = "gather"

    def __init__(self, cin, cout):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(cout, cin, 3, 3))
        self.register_parameter("bias", None)
        self.offset = nn.Conv2d(cin, 18, 3, padding=1)

    def forward(self, x):
        off = self.offset(x)
        if self.mode == "torchvision":
            import torchvision
            return torchvision.ops.deform_conv2d(x, off, self.weight, padding=1)
        n, c, h, w = x.shape
        off = off.view(n, 9, 2, h, w)
        taps = torch.arange(9)
        ty = (torch.div(taps, 3, rounding_mode="floor") - 1).to(x.dtype).view(1, 9, 1, 1)
        tx = (taps % 3 - 1).to(x.dtype).view(1, 9, 1, 1)
        py = torch.arange(h, dtype=x.dtype).view(1, 1, h, 1) + ty + off[:, :, 0]
        px = torch.arange(w, dtype=x.dtype).view(1, 1, 1, w) + tx + off[:, :, 1]
        if self.mode == "grid_sample":
            grid = torch.stack([(px * 2 + 1) / w - 1, (py * 2 + 1) / h - 1], -1).view(n, 9 * h, w, 2)
            sampled = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False).view(n, c, 9, h, w)
        else:
            sampled = bilinear_gather(x, py, px)
        return F.conv2d(sampled.reshape(n, c * 9, h, w), self.weight.reshape(self.weight.shape[0], c * 9, 1, 1))


class GgmnetDecoder(nn.Module):
    def __init__(self, fused, skip4, skip2, channels, classes, deformable):
        super().__init__()
        self.up4 = self._block(fused + skip4, channels[0], deformable)
        self.up2 = self._block(channels[0] + skip2, channels[1], deformable)
        self.classifier = nn.Conv2d(channels[1], classes, 1)

    @staticmethod
    def _block(cin, cout, deformable):
        if not deformable:
            return ConvBnRelu(cin, cout, 3)
        return nn.Sequential(DeformableConv2d(cin, cout), nn.BatchNorm2d(cout), nn.ReLU())

    def forward(self, fused8, skip4, skip2, h, w):
        d4 = self.up4(torch.cat([resize(fused8, skip4.shape[2], skip4.shape[3]), skip4], 1))
        d2 = self.up2(torch.cat([resize(d4, skip2.shape[2], skip2.shape[3]), skip2], 1))
        return resize(self.classifier(d2), h, w)


class GgmnetEncoder(nn.Module):
    def __init__(self, cin, ch):
        super().__init__()
        self.stage2 = ConvBnRelu(cin, ch[0], 3, 2)
        self.stage4 = ConvBnRelu(ch[0], ch[1], 3, 2)
        self.stage8 = ConvBnRelu(ch[1], ch[2], 3, 2)

    def forward(self, x):
        f2 = self.stage2(x)
        f4 = self.stage4(f2)
        return f2, f4, self.stage8(f4)


class Ggmnet(nn.Module):
    def __init__(self, cin, classes, cfg, genotype):
        super().__init__()
        enc = cfg["encoderChannels"]
        self.encoder = GgmnetEncoder(cin, enc)
        self.mrfem = MultiResolutionModule(genotype, enc[2], cfg["widthUnit"], cfg["useResidual"])
        f = cfg["fusionChannels"]
        refiner = (lambda i, o: AttentionRefinementModule(i, o)) if cfg["useArm"] else (lambda i, o: ConvBnRelu(i, o, 1))
        self.refine8, self.refine16, self.refine32 = (refiner(c, f) for c in self.mrfem.out_channels)
        self.fusion = FeatureFusionModule(3 * f + enc[2], f, cfg["useFfm"])
        self.decoder = GgmnetDecoder(f, enc[1], enc[0], cfg["decoderChannels"], classes, cfg["useDeformable"])

    def forward(self, x):
        f2, f4, f8 = self.encoder(x)
        b8, b16, b32 = self.mrfem(f8)
        r8 = self.refine8(b8)
        r16 = resize(self.refine16(b16), r8.shape[2], r8.shape[3])
        r32 = resize(self.refine32(b32), r8.shape[2], r8.shape[3])
        fused = self.fusion([r8, r16, r32, f8])
        return self.decoder(fused, f4, f2, x.shape[2], x.shape[3])


class UNet(nn.Module):
    def __init__(self, cin, classes, cfg):
        super().__init__()
        levels, b = cfg["uNetLevels"], cfg["uNetBaseChannels"]
        dc = lambda i, o: nn.Sequential(ConvBnRelu(i, o, 3), ConvBnRelu(o, o, 3))
        downs, c = [], cin
        for l in range(levels):
            downs.append(dc(c, b << l))
            c = b << l
        self.down = nn.ModuleList(downs)
        self.bottom = dc(c, b << levels)
        ups, below = [], b << levels
        for l in range(levels - 1, -1, -1):
            ups.append(dc(below + (b << l), b << l))
            below = b << l
        self.up = nn.ModuleList(ups)
        self.classifier = nn.Conv2d(b, classes, 1)

    def forward(self, x):
        skips, y = [], x
        for block in self.down:
            y = block(y)
            skips.append(y)
            y = F.max_pool2d(y, 2, 2, ceil_mode=True)
        y = self.bottom(y)
        for i, block in enumerate(self.up):
            s = skips[-(i + 1)]
            y = block(torch.cat([resize(y, s.shape[2], s.shape[3]), s], 1))
        return self.classifier(y)


def load_model(folder):
    arrays, _meta = read_safetensors(f"{folder}/model.safetensors")
    with open(f"{folder}/model.card.json", encoding="utf-8") as f:
        card = json.load(f)
    cfg, cin, classes = card["config"], card["inChannels"], len(card["classes"])
    # GisBridge writes a GGMNet's genotype into the card (config.genotypeJson) beside the weights.
    net = Ggmnet(cin, classes, cfg, json.loads(cfg["genotypeJson"])) if card["arch"] == "ggmnet" else UNet(cin, classes, cfg)
    net.load_state_dict({k: torch.from_numpy(v) for k, v in arrays.items()}, strict=True)
    return net.eval(), card


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["compare", "bench"])
    ap.add_argument("model")
    ap.add_argument("io")
    ap.add_argument("--deform", choices=["gather", "grid_sample", "torchvision"], default="gather")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--no-mkldnn", action="store_true", help="turn oneDNN off, as GisBridge does")
    a = ap.parse_args(argv)
    if a.no_mkldnn:
        torch.backends.mkldnn.enabled = False
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    DeformableConv2d.mode = a.deform
    net, card = load_model(a.model)
    io, _ = read_safetensors(a.io)
    x = torch.from_numpy(io["input"])
    with torch.no_grad():
        ours = net(x).numpy()
        result = {"arch": card["arch"], "torch": torch.__version__, "deform": a.deform, "shape": list(ours.shape),
                  "max_abs_diff": float(np.abs(ours - io["logits"]).max()),
                  "max_abs_logit": float(np.abs(io["logits"]).max())}
        if a.mode == "bench":
            start = time.perf_counter()
            for _ in range(a.repeat):
                net(x)
            result.update(threads=torch.get_num_threads(), repeat=a.repeat,
                          seconds_per_pass=(time.perf_counter() - start) / a.repeat)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
