// A fixture for layering_rejects_violations (tests/CMakeLists.txt): a values
// header that includes a dunning header and an internal one.
#include "relance/dunning.hpp"
#include "relance/internal/quote.hpp"
