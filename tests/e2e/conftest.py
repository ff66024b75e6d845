import pytest

from cluster import Cluster


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def cluster(tmp_path, request):
    """A started Cluster; zone parameters from @pytest.mark.zone(...). When the
    test fails, every process's log is printed."""
    marker = request.node.get_closest_marker("zone")
    c = Cluster(tmp_path, **(marker.kwargs if marker else {}))
    try:
        c.start()
        yield c
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            print(c.describe())
    except BaseException:
        print(c.describe())
        raise
    finally:
        c.stop()


def pytest_configure(config):
    config.addinivalue_line("markers", "zone(**params): zone parameters for the cluster fixture")
