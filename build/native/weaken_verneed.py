#!/usr/bin/env python3
"""Mark a version requirement (e.g. GLIBCXX_3.4.32) weak in an ELF64 shared object.

Sets VER_FLG_WEAK on the matching Vernaux entries of .gnu.version_r, so that the dynamic linker does not refuse
to load the object when the providing library lacks that version. Idempotent. Usage: weaken_verneed.py FILE VERSION
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def main(path: str, version: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not a little-endian ELF64 file")
        e_shoff, = struct.unpack_from("<Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = []
        for i in range(e_shnum):
            off = e_shoff + i * e_shentsize
            sh_type, = struct.unpack_from("<I", data, off + 4)
            sh_offset, sh_size = struct.unpack_from("<QQ", data, off + 0x18)
            sh_link, sh_info = struct.unpack_from("<II", data, off + 0x28)
            sections.append((sh_type, sh_offset, sh_size, sh_link, sh_info))
        changed = found = 0
        for sh_type, sh_offset, _, sh_link, sh_info in sections:
            if sh_type != SHT_GNU_VERNEED:
                continue
            strtab = sections[sh_link][1]
            need = sh_offset
            for _ in range(sh_info):
                _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, need)
                aux = need + vn_aux
                for _ in range(vn_cnt):
                    _, vna_flags, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    end = data.index(b"\0", strtab + vna_name)
                    if data[strtab + vna_name:end].decode() == version:
                        found += 1
                        if not vna_flags & VER_FLG_WEAK:
                            struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                            changed += 1
                    aux += vna_next
                need += vn_next
        if not found:
            print(f"{path}: no requirement of {version}; nothing to do")
            return 0
        if changed:
            f.seek(0)
            f.write(data)
        print(f"{path}: {version} marked weak ({changed} changed, {found} found)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
