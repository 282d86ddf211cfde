// relance/internal/embedded_data.hpp
// -----------------------------------------------------------------------------
// Reference data files compiled into the library by cmake/EmbedFile.cmake
// (see relance_embed() in CMakeLists.txt). Each returns the file's bytes.
#ifndef RELANCE_INTERNAL_EMBEDDED_DATA_HPP_
#define RELANCE_INTERNAL_EMBEDDED_DATA_HPP_

#include <string_view>

namespace relance::internal {

// data/currencies.csv: ISO 4217 list one (code,numeric,minor_units,name).
std::string_view EmbeddedCurrenciesCsv();

// data/rates/*.csv: reference rate series (see relance/rate_series.hpp).
std::string_view EmbeddedEcbMroCsv();
std::string_view EmbeddedDeBasiszinssatzCsv();
std::string_view EmbeddedUkBankRateCsv();
std::string_view EmbeddedFrTauxInteretLegalCsv();

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_EMBEDDED_DATA_HPP_
