// bindings/python/src/module.cpp
// -----------------------------------------------------------------------------
// The extension module relance._relance. The package relance (bindings/
// python/relance/__init__.py) re-exports what it defines; users import
// relance, never this module.
#include "common.hpp"

PYBIND11_MODULE(RELANCE_PYTHON_MODULE_NAME, m) {
  m.doc() =
      "relance's C++ library, bound with pybind11. Import relance instead.";
  relance::python::RegisterValues(m);
  relance::python::RegisterCalendar(m);
  relance::python::RegisterTerms(m);
  relance::python::RegisterPenalty(m);
  relance::python::RegisterDunning(m);
  relance::python::RegisterPortfolio(m);
  relance::python::RegisterLetters(m);
  relance::python::RegisterEInvoice(m);
#ifdef RELANCE_PYTHON_LEDGER
  relance::python::RegisterLedger(m);
#endif
}
