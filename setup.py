"""Package layout that pyproject.toml cannot state: resources/ and translations/ sit at the
top of the repository but install inside the package (finqr_desktop.resources and
finqr_desktop.translations), so importlib.resources finds them in a wheel and a checkout."""

from setuptools import find_packages, setup

MAPPED = {"finqr_desktop.resources": "resources", "finqr_desktop.translations": "translations"}

setup(
    packages=find_packages(include=["finqr_desktop", "finqr_desktop.*"]) + list(MAPPED),
    package_dir={"finqr_desktop": "finqr_desktop", **MAPPED},
)
