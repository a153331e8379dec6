#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so load on systems whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12).
# Usage: fix-libtorchsharp.sh OUTPUT_DIR. Patches every copy below OUTPUT_DIR, idempotently; does nothing
# where the system libstdc++ already provides the version or no copy is there.
set -euo pipefail
out="${1:?output folder}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
need=GLIBCXX_3.4.32
symbol=_ZSt21ios_base_library_initv
compat=libgisbridge_stdcxx_compat.so

mapfile -t libs < <(find "$out" -name libLibTorchSharp.so -type f 2>/dev/null)
[ "${#libs[@]}" -gt 0 ] || exit 0

# awk reads to the end: exiting at the first match would kill ldconfig by SIGPIPE (pipefail; callers that keep SIGPIPE)
stdcxx="$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found = 1}')"
[ -n "$stdcxx" ] || stdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if grep -qa "$need" "$stdcxx"; then
  exit 0   # the system runtime has the version: nothing to patch
fi
for tool in patchelf g++ python3; do
  command -v "$tool" >/dev/null || { echo "fix-libtorchsharp: '$tool' is required (apt-get install patchelf g++ python3)" >&2; exit 1; }
done

for lib in "${libs[@]}"; do
  dir="$(dirname "$lib")"
  if [ ! -f "$dir/$compat" ] || [ "$here/stdcxx_compat.cpp" -nt "$dir/$compat" ]; then
    g++ -shared -fPIC -O2 -o "$dir/$compat.tmp" "$here/stdcxx_compat.cpp"
    mv "$dir/$compat.tmp" "$dir/$compat"
  fi
  if patchelf --print-needed "$lib" | grep -qx "$compat"; then
    continue   # already patched
  fi
  tmp="$lib.patching"
  cp "$lib" "$tmp"
  python3 "$here/weaken_verneed.py" "$tmp" "$need" >/dev/null
  patchelf --clear-symbol-version "$symbol" "$tmp"
  patchelf --add-needed "$compat" "$tmp"
  rpath="$(patchelf --print-rpath "$tmp")"
  case ":$rpath:" in *':$ORIGIN:'*) ;; *) patchelf --set-rpath "\$ORIGIN${rpath:+:$rpath}" "$tmp" ;; esac
  mv "$tmp" "$lib"
  echo "fix-libtorchsharp: patched $lib"
done
