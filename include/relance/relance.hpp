// relance/relance.hpp
// -----------------------------------------------------------------------------
// The whole public C++ API of relance in one include.
//
// relance is an embeddable engine for receivables collection: payment terms,
// late-payment penalties and dunning escalation, exact to the cent. Each
// concept has its own header, which documents it; this one only gathers them.
#ifndef RELANCE_RELANCE_HPP_
#define RELANCE_RELANCE_HPP_

// values
#include "relance/allocation.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"
#include "relance/rounding.hpp"
#include "relance/version.hpp"

// terms
#include "relance/builtin_calendars.hpp"
#include "relance/calendar.hpp"
#include "relance/date_formula.hpp"
#include "relance/easter.hpp"
#include "relance/schedule_json.hpp"
#include "relance/terms.hpp"
#include "relance/terms_check.hpp"
#include "relance/terms_import.hpp"

// penalties
#include "relance/assessment_json.hpp"
#include "relance/day_count.hpp"
#include "relance/dunning_fee.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/penalty.hpp"
#include "relance/rate_series.hpp"

// dunning
#include "relance/dunning.hpp"
#include "relance/einvoice.hpp"
#include "relance/einvoice_pdf.hpp"
#include "relance/einvoice_status.hpp"
#include "relance/event.hpp"
#include "relance/lifecycle.hpp"
#include "relance/policy.hpp"
#include "relance/policy_graph.hpp"

// portfolio
#include "relance/batch.hpp"
#include "relance/batch_json.hpp"
#include "relance/portfolio_csv.hpp"

// documents
#include "relance/creditor.hpp"
#include "relance/dossier.hpp"
#include "relance/dossier_html.hpp"
#include "relance/dossier_json.hpp"
#include "relance/language.hpp"
#include "relance/letter.hpp"
#include "relance/letter_data.hpp"
#include "relance/letter_json.hpp"
#include "relance/letter_kind.hpp"
#include "relance/letter_options_json.hpp"
#include "relance/letter_template.hpp"
#include "relance/letter_templates.hpp"
#include "relance/reason_text.hpp"

#endif  // RELANCE_RELANCE_HPP_
