// bindings/python/src/register_letters.cpp
// -----------------------------------------------------------------------------
// Letters and dossiers: relance.render_letters (a decision's letters, the
// relance.letters document), relance.dossier (the relance.dossier document)
// and relance.dossier_html (the printable page). The letterhead, the
// language and the debtor are resolved as the command line and the C ABI
// resolve them (docs/letters.md, "Letterhead"), so the three give the same
// bytes; _letters_json and _dossier_json return those bytes (the parity
// tests compare them with librelance_c's).
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/compiled_case.hpp"
#include "relance/dossier.hpp"
#include "relance/dossier_html.hpp"
#include "relance/dossier_json.hpp"
#include "relance/language.hpp"
#include "relance/letter.hpp"
#include "relance/letter_data.hpp"
#include "relance/letter_json.hpp"
#include "relance/letter_options_json.hpp"
#include "relance/letter_templates.hpp"

namespace relance::python {
namespace {

// The options of the letterhead text for the case `c`: the language
// `language` when given (else the letterhead's), the debtor named after the
// case's customer when the letterhead names none.
absl::StatusOr<LetterOptions> Letterhead(
    const std::string& letterhead, const std::optional<std::string>& language,
    const CompiledCase& c) {
  absl::StatusOr<LetterOptions> options = LetterOptionsFromJson(letterhead);
  if (!options.ok()) return options.status();
  return LetterOptionsForCustomer(
      *options,
      language.has_value() ? std::optional<std::string_view>(*language)
                           : std::nullopt,
      c.source().customer_name);
}

// The relance.letters document of `decision_or_as_of`: a relance.Decision
// (for the case's customer), or a datetime.date to evaluate the case on.
std::string LettersJson(const Policy& policy, const CompiledCase& c,
                        py::handle decision_or_as_of, py::handle letterhead,
                        const std::optional<std::string>& language,
                        py::handle templates) {
  std::optional<Decision> given;
  std::optional<Date> as_of;
  if (py::isinstance<Decision>(decision_or_as_of)) {
    given = decision_or_as_of.cast<Decision>();
    if (given->customer != c.customer_id()) {
      ThrowStatus(absl::InvalidArgumentError(
          absl::StrCat("render_letters: the decision is for customer ",
                       given->customer, ", the case for ", c.customer_id())));
    }
  } else {
    try {
      as_of = decision_or_as_of.cast<Date>();
    } catch (const py::cast_error&) {
      throw py::type_error(absl::StrCat(
          "relance: render_letters takes a relance.Decision or a "
          "datetime.date, not ",
          py::str(py::type::handle_of(decision_or_as_of).attr("__name__"))
              .cast<std::string>()));
    }
  }
  const std::string text = JsonText(letterhead);
  const std::optional<std::string> directory =
      templates.is_none() ? std::nullopt
                          : std::optional<std::string>(PathText(templates));
  absl::StatusOr<std::string> document;
  {
    py::gil_scoped_release release;
    document = [&]() -> absl::StatusOr<std::string> {
      absl::StatusOr<LetterOptions> options = Letterhead(text, language, c);
      if (!options.ok()) return options.status();
      LetterTemplates set = LetterTemplates::Builtin();
      if (directory.has_value()) {
        absl::StatusOr<LetterTemplates> with = set.WithDirectory(*directory);
        if (!with.ok()) return with.status();
        set = *std::move(with);
      }
      absl::StatusOr<Decision> decision =
          given.has_value() ? absl::StatusOr<Decision>(*std::move(given))
                            : Evaluate(policy, c, *as_of);
      if (!decision.ok()) return decision.status();
      absl::StatusOr<RenderedLetters> letters =
          RenderLetters(*decision, policy, set, *options);
      if (!letters.ok()) return letters.status();
      return LettersToJson(*letters);
    }();
  }
  return Unwrap(std::move(document));
}

// The dossier's document (`html` false) or page (`html` true).
std::string DossierText(const Policy& policy, const CompiledCase& c, Date as_of,
                        py::handle letterhead,
                        const std::optional<std::string>& invoice,
                        const std::optional<std::string>& language, bool html) {
  const std::string text = JsonText(letterhead);
  absl::StatusOr<std::string> result;
  {
    py::gil_scoped_release release;
    result = [&]() -> absl::StatusOr<std::string> {
      absl::StatusOr<LetterOptions> options = Letterhead(text, language, c);
      if (!options.ok()) return options.status();
      absl::StatusOr<Dossier> dossier = BuildDossier(
          policy, c, as_of,
          DossierOptions{.creditor = options->creditor,
                         .debtor_address_lines = options->debtor.address_lines,
                         .invoice = invoice.value_or("")});
      if (!dossier.ok()) return dossier.status();
      if (html) return DossierToHtml(*dossier, options->language);
      return DossierToJson(*dossier);
    }();
  }
  return Unwrap(std::move(result));
}

constexpr char kLetterheadDoc[] =
    "`letterhead` is the letterhead (docs/letters.md): its JSON text (a "
    "str) or a dict, with at least {\"creditor\": {\"name\": ...}}. When its "
    "debtor has no name, the case's customer name is used. ";

}  // namespace

void RegisterLetters(py::module_& m) {
  m.def("_letters_json", &LettersJson, py::arg("policy"), py::arg("case"),
        py::arg("decision_or_as_of"), py::arg("letterhead"),
        py::arg("language") = py::none(), py::arg("templates") = py::none(),
        "render_letters' document as the library writes it (a str).");
  m.def(
      "render_letters",
      [](const Policy& policy, const CompiledCase& c,
         py::handle decision_or_as_of, py::handle letterhead,
         const std::optional<std::string>& language, py::handle templates) {
        return JsonLoads(LettersJson(policy, c, decision_or_as_of, letterhead,
                                     language, templates));
      },
      py::arg("policy"), py::arg("case"), py::arg("decision_or_as_of"),
      py::arg("letterhead"), py::arg("language") = py::none(),
      py::arg("templates") = py::none(),
      absl::StrCat(
          "The letters of a decision's communications: the relance.letters "
          "document (docs/letters.md) as Python data, the one the relance "
          "command and librelance_c write.\n\n`decision_or_as_of` is a "
          "relance.Decision made by `policy` for the case's customer, or a "
          "datetime.date to evaluate `case` on. ",
          kLetterheadDoc,
          "`language` (\"fr\" or \"en\") overrides the letterhead's. "
          "`templates` (a str or os.PathLike) is a directory of the host's "
          "templates, which replace or add to the built-in ones. Raises "
          "relance.Error: a bad letterhead (\"letterhead: creditor.name: "
          "required\"), language or template, a decision of another "
          "customer or policy.")
          .c_str());
  m.def(
      "_dossier_json",
      [](const Policy& policy, const CompiledCase& c, Date as_of,
         py::handle letterhead, const std::optional<std::string>& invoice) {
        return DossierText(policy, c, as_of, letterhead, invoice, std::nullopt,
                           false);
      },
      py::arg("policy"), py::arg("case"), py::arg("as_of"),
      py::arg("letterhead"), py::arg("invoice") = py::none(),
      "dossier's document as the library writes it (a str).");
  m.def(
      "dossier",
      [](const Policy& policy, const CompiledCase& c, Date as_of,
         py::handle letterhead, const std::optional<std::string>& invoice) {
        return JsonLoads(DossierText(policy, c, as_of, letterhead, invoice,
                                     std::nullopt, false));
      },
      py::arg("policy"), py::arg("case"), py::arg("as_of"),
      py::arg("letterhead"), py::arg("invoice") = py::none(),
      absl::StrCat(
          "The collection dossier of `case` as of `as_of` under `policy`, "
          "for the letterhead's creditor, to its debtor's address lines: the "
          "relance.dossier document (docs/dossier.md) as Python data. ",
          kLetterheadDoc,
          "`invoice` names one invoice of the case (None or \"\": the whole "
          "customer). Raises relance.Error: a bad letterhead; code "
          "\"not_found\" for an invoice not in the case.")
          .c_str());
  m.def(
      "dossier_html",
      [](const Policy& policy, const CompiledCase& c, Date as_of,
         py::handle letterhead, const std::optional<std::string>& invoice,
         const std::optional<std::string>& language) {
        return DossierText(policy, c, as_of, letterhead, invoice, language,
                           true);
      },
      py::arg("policy"), py::arg("case"), py::arg("as_of"),
      py::arg("letterhead"), py::arg("invoice") = py::none(),
      py::arg("language") = py::none(),
      "The same dossier as a printable HTML page (a str), in `language` "
      "(\"fr\" or \"en\"; None: the letterhead's). Raises relance.Error as "
      "dossier, and for another language.");
}

}  // namespace relance::python
