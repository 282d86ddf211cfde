"""Builds the relance Python package: setuptools drives CMake.

    python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-build-isolation .

Debian 12 has no scikit-build-core, so, as pybind11's cmake_example does,
build_ext runs CMake: it configures relance with only the library and the
extension (no tests, benchmarks or command), Release, and builds the target
relance_python (the static library and the module) into the package
directory setuptools gives. Environment:

    CMAKE                       the cmake to run (default: cmake)
    CMAKE_BUILD_PARALLEL_LEVEL  parallel jobs (default: 2)
    RELANCE_CMAKE_BUILD_DIR     CMake's build directory (default: setuptools'
                                build_temp)

The version is read from CMakeLists.txt's project() line, relance's one
version source.
"""

import os
import pathlib
import re
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(relance\s+VERSION\s+(\d+\.\d+\.\d+)", text)
    if match is None:
        raise RuntimeError("CMakeLists.txt: no project(relance VERSION x.y.z)")
    return match.group(1)


class CMakeExtension(Extension):
    """An extension CMake builds: no sources for setuptools to compile."""

    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        package_dir = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve().parent
        build_dir = pathlib.Path(
            os.environ.get("RELANCE_CMAKE_BUILD_DIR") or self.build_temp
        ).resolve()
        cmake = os.environ.get("CMAKE", "cmake")
        # Release unless asked otherwise (RELANCE_CMAKE_BUILD_TYPE, e.g. the
        # unoptimised "None" the install test uses to stay quick in CI).
        build_type = os.environ.get("RELANCE_CMAKE_BUILD_TYPE") or (
            "Debug" if self.debug else "Release"
        )
        configure = [
            cmake,
            "-S", str(ROOT),
            "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=" + build_type,
            "-DRELANCE_BUILD_TESTS=OFF",
            "-DRELANCE_BUILD_BENCHMARKS=OFF",
            "-DRELANCE_BUILD_CLI=OFF",
            "-DRELANCE_INSTALL=OFF",
            "-DRELANCE_BUILD_PYTHON=ON",
            "-DPython_EXECUTABLE=" + sys.executable,
            "-DRELANCE_PYTHON_OUTPUT_DIR=" + str(package_dir),
        ]
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(
            [cmake, "--build", str(build_dir), "--target", "relance_python",
             "--parallel", jobs],
            check=True,
        )


setup(
    version=project_version(),
    packages=["relance"],
    package_dir={"": "bindings/python"},
    package_data={"relance": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("relance._relance")],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
