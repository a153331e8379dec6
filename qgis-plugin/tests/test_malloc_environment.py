"""The environment the plugin hands to the server it starts: the malloc tunable on Linux (transparent huge pages for
large buffers) and the .NET GC's first-generation budget."""
from gisbridge.client import server_process


def test_linux_server_gets_the_hugetlb_tunable_after_the_callers_own(monkeypatch):
    monkeypatch.setattr(server_process.sys, "platform", "linux")
    assert server_process.malloc_environment({}) == {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}
    assert server_process.malloc_environment({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"}) == {
        "GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"}


def test_a_hugetlb_choice_of_the_caller_wins_and_other_systems_get_nothing(monkeypatch):
    monkeypatch.setattr(server_process.sys, "platform", "linux")
    assert server_process.malloc_environment({"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"}) == {}
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(server_process.sys, "platform", platform)
        assert server_process.malloc_environment({}) == {}


def test_server_gets_a_small_first_generation_gc_budget_unless_the_caller_chose_one():
    assert server_process.gc_environment({}) == {"DOTNET_GCgen0size": "0x400000"}
    assert server_process.gc_environment({"DOTNET_GCgen0size": "0x1000000"}) == {}
