// Provides std::ios_base_library_init(), the one GLIBCXX_3.4.32 symbol that TorchSharp's libLibTorchSharp.so
// needs and Debian 12's libstdc++ (GLIBCXX_3.4.30) lacks. GCC 13 emits a call to it from every translation unit
// that includes <iostream>; its job is to make sure the standard streams are constructed, which a static
// ios_base::Init object does on older runtimes.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init() {
  static ios_base::Init init;
}
}  // namespace std
