// ReadEInvoiceStatuses: a CDAR lifecycle message read into a value
// (relance/einvoice_status.hpp, docs/einvoice.md "Lifecycle statuses").
#include "relance/einvoice_status.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "einvoice_reader.hpp"
#include "einvoice_xml.hpp"
#include "relance/currency.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using internal::TrimXmlSpace;
using internal::XmlDocument;

constexpr std::string_view kRootName = "CrossDomainAcknowledgementAndResponse";
constexpr std::string_view kRootPath =
    "/rsm:CrossDomainAcknowledgementAndResponse";

// The XmlDocument binds rsm to the CII invoice namespace; the CDAR root and
// its three children are in the CDAR namespace, so they are selected by
// namespace URI and local name. Everything below them is ram/udt/qdt.
std::string CdarChild(std::string_view local_name) {
  return absl::StrCat("/*/*[local-name()='", std::string(local_name),
                      "' and namespace-uri()='", std::string(kCdarNamespace),
                      "']");
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Reads fields relative to context nodes; errors name the file, the field
// and its absolute XPath (with relance's prefixes).
class CdarReader {
 public:
  CdarReader(const XmlDocument& document, std::string_view name)
      : document_(document), name_(name) {}

  absl::Status Error(std::string_view field, std::string_view xpath,
                     std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(name_), ": ", std::string(field), " (",
                     std::string(xpath), "): ", std::string(what)));
  }

  // The trimmed text of `relative` under `context`; empty when absent.
  std::string Text(xmlNodePtr context, std::string_view relative) const {
    std::optional<std::string> text = document_.Text(relative, context);
    if (!text) return "";
    return std::string(TrimXmlSpace(*text));
  }

  std::vector<xmlNodePtr> Nodes(xmlNodePtr context,
                                std::string_view relative) const {
    return document_.Nodes(relative, context);
  }

  // A udt:DateTimeString with format 204 (CCYYMMDDHHMMSS): its date.
  absl::StatusOr<std::optional<Date>> DateTime204(std::string_view field,
                                                  xmlNodePtr context,
                                                  std::string_view relative,
                                                  std::string_view base) const {
    std::vector<xmlNodePtr> nodes = Nodes(context, relative);
    if (nodes.empty()) return std::optional<Date>();
    const std::string xpath =
        absl::StrCat(std::string(base), "/", std::string(relative));
    const std::optional<std::string> format =
        XmlDocument::Attribute(nodes.front(), "format");
    if (!format || TrimXmlSpace(*format) != "204") {
      return Error(field, xpath,
                   absl::StrCat("format \"", format.value_or(""),
                                "\": CDAR binds date-times to format 204 "
                                "(CCYYMMDDHHMMSS)"));
    }
    const std::string text(TrimXmlSpace(XmlDocument::Content(nodes.front())));
    const auto two = [&](size_t at) {
      return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    if (text.size() != 14 || !AllDigits(text) || two(8) > 23 || two(10) > 59 ||
        two(12) > 59) {
      return Error(field, xpath,
                   absl::StrCat("date-time \"", text,
                                "\": expected CCYYMMDDHHMMSS (format 204)"));
    }
    absl::StatusOr<Date> date = internal::ParseDate102(text.substr(0, 8));
    if (!date.ok()) {
      return Error(field, xpath, std::string(date.status().message()));
    }
    return std::optional<Date>(*date);
  }

  // A qdt:DateTimeString with format 102 (CCYYMMDD).
  absl::StatusOr<std::optional<Date>> Date102(std::string_view field,
                                              xmlNodePtr context,
                                              std::string_view relative,
                                              std::string_view base) const {
    std::vector<xmlNodePtr> nodes = Nodes(context, relative);
    if (nodes.empty()) return std::optional<Date>();
    const std::string xpath =
        absl::StrCat(std::string(base), "/", std::string(relative));
    const std::optional<std::string> format =
        XmlDocument::Attribute(nodes.front(), "format");
    if (!format || TrimXmlSpace(*format) != "102") {
      return Error(field, xpath,
                   absl::StrCat("format \"", format.value_or(""),
                                "\": the invoice date is format 102 "
                                "(CCYYMMDD)"));
    }
    absl::StatusOr<Date> date = internal::ParseDate102(
        TrimXmlSpace(XmlDocument::Content(nodes.front())));
    if (!date.ok()) {
      return Error(field, xpath, std::string(date.status().message()));
    }
    return std::optional<Date>(*date);
  }

  EInvoiceStatusParty Party(xmlNodePtr party) const {
    EInvoiceStatusParty out;
    std::vector<xmlNodePtr> global = Nodes(party, "ram:GlobalID");
    if (!global.empty()) {
      out.id = std::string(TrimXmlSpace(XmlDocument::Content(global.front())));
      out.id_scheme = std::string(TrimXmlSpace(
          XmlDocument::Attribute(global.front(), "schemeID").value_or("")));
    }
    if (out.id.empty()) out.id = Text(party, "ram:ID");
    out.name = Text(party, "ram:Name");
    out.role = Text(party, "ram:RoleCode");
    return out;
  }

  absl::StatusOr<EInvoiceStatus> ReadStatus(
      xmlNodePtr reference, const std::string& base,
      const EInvoiceStatusMessage& message, Date date) const {
    EInvoiceStatus status;
    status.date = date;
    status.message_id = message.id.empty() ? message.name : message.id;
    const auto path = [&](std::string_view relative) {
      return absl::StrCat(base, "/", std::string(relative));
    };
    status.invoice_number = Text(reference, "ram:IssuerAssignedID");
    if (status.invoice_number.empty()) {
      return Error("MDT-87 invoice number (BT-1)", path("ram:IssuerAssignedID"),
                   "missing (mandatory)");
    }
    const std::string code = Text(reference, "ram:ProcessConditionCode");
    if (code.empty()) {
      return Error("MDT-105 status code", path("ram:ProcessConditionCode"),
                   "missing (mandatory)");
    }
    const EInvoiceStatusInfo* info = code.size() == 3 && AllDigits(code)
                                         ? FindEInvoiceStatus(std::stoi(code))
                                         : nullptr;
    if (info == nullptr) {
      return Error("MDT-105 status code", path("ram:ProcessConditionCode"),
                   absl::StrCat("\"", code,
                                "\" is not a lifecycle status "
                                "(BR-FR-CDV-CL-06: 200 to 214, 220, 221, "
                                "224 to 228, 250, 251, 300, 301, 400, 401, "
                                "500, 501, 601)"));
    }
    status.code = info->code;
    status.label = Text(reference, "ram:ProcessCondition");
    status.status_code = Text(reference, "ram:StatusCode");
    status.invoice_type_code = Text(reference, "ram:TypeCode");
    RELANCE_ASSIGN_OR_RETURN(
        status.invoice_issue_date,
        Date102("MDT-100 invoice date (BT-2)", reference,
                "ram:FormattedIssueDateTime/qdt:DateTimeString", base));
    if (!status.invoice_issue_date && status.code != 501) {
      return Error("MDT-100 invoice date (BT-2)",
                   path("ram:FormattedIssueDateTime/qdt:DateTimeString"),
                   "missing (mandatory except for status 501)");
    }
    std::vector<xmlNodePtr> seller =
        Nodes(reference, "ram:IssuerTradeParty/ram:GlobalID");
    if (!seller.empty()) {
      status.seller_id =
          std::string(TrimXmlSpace(XmlDocument::Content(seller.front())));
      status.seller_id_scheme = std::string(TrimXmlSpace(
          XmlDocument::Attribute(seller.front(), "schemeID").value_or("")));
    }
    if (message.issuer.role == "BY") status.buyer_id = message.issuer.id;
    for (const EInvoiceStatusParty& recipient : message.recipients) {
      if (status.buyer_id.empty() && recipient.role == "BY") {
        status.buyer_id = recipient.id;
      }
    }

    std::vector<xmlNodePtr> details =
        Nodes(reference, "ram:SpecifiedDocumentStatus");
    for (size_t i = 0; i < details.size(); ++i) {
      const std::string detail_base =
          path(absl::StrCat("ram:SpecifiedDocumentStatus[", i + 1, "]"));
      EInvoiceStatusReason reason;
      reason.code = Text(details[i], "ram:ReasonCode");
      reason.text = Text(details[i], "ram:Reason");
      reason.action_code = Text(details[i], "ram:RequestedActionCode");
      reason.action = Text(details[i], "ram:RequestedAction");
      if (!reason.code.empty() || !reason.text.empty() ||
          !reason.action_code.empty() || !reason.action.empty()) {
        status.reasons.push_back(std::move(reason));
      }
      std::vector<xmlNodePtr> characteristics =
          Nodes(details[i], "ram:SpecifiedDocumentCharacteristic");
      for (size_t j = 0; j < characteristics.size(); ++j) {
        std::vector<xmlNodePtr> value =
            Nodes(characteristics[j], "ram:ValueAmount");
        if (value.empty()) continue;
        const std::string at = absl::StrCat(
            detail_base, "/ram:SpecifiedDocumentCharacteristic[", j + 1, "]");
        EInvoiceStatusAmount amount;
        amount.type_code = Text(characteristics[j], "ram:TypeCode");
        const std::string amount_path = absl::StrCat(at, "/ram:ValueAmount");
        if (amount.type_code.empty()) {
          return Error("MDT-207 characteristic type",
                       absl::StrCat(at, "/ram:TypeCode"),
                       "missing for an amount");
        }
        const std::string currency_code(TrimXmlSpace(
            XmlDocument::Attribute(value.front(), "currencyID").value_or("")));
        if (currency_code.empty()) {
          return Error("MDT-215 amount", amount_path,
                       "currencyID missing (mandatory)");
        }
        absl::StatusOr<Currency> currency = Currency::FromCode(currency_code);
        if (!currency.ok()) {
          return Error("MDT-215 amount", amount_path,
                       std::string(currency.status().message()));
        }
        absl::StatusOr<Money> money = internal::ParseEInvoiceAmount(
            XmlDocument::Content(value.front()), *currency);
        if (!money.ok()) {
          return Error("MDT-215 amount", amount_path,
                       std::string(money.status().message()));
        }
        amount.amount = *money;
        const std::string percent =
            Text(characteristics[j], "ram:ValuePercent");
        if (!percent.empty()) {
          const size_t point = percent.find('.');
          const bool decimal =
              AllDigits(percent.substr(0, point)) &&
              (point == std::string::npos ||
               AllDigits(std::string_view(percent).substr(point + 1)));
          absl::StatusOr<Rate> rate =
              decimal ? Rate::Parse(absl::StrCat(percent, "%"))
                      : absl::StatusOr<Rate>(absl::InvalidArgumentError(
                            "expected a non-negative decimal such as 20.00"));
          if (!rate.ok()) {
            return Error(
                "MDT-224 VAT rate", absl::StrCat(at, "/ram:ValuePercent"),
                absl::StrCat("\"", percent,
                             "\": ", std::string(rate.status().message())));
          }
          amount.vat_rate = *rate;
        }
        if (amount.type_code == "MEN" && !amount.vat_rate) {
          return Error("MDT-224 VAT rate",
                       absl::StrCat(at, "/ram:ValuePercent"),
                       "missing: every MEN amount gives its VAT rate "
                       "(BR-FR-CDV-14)");
        }
        status.amounts.push_back(std::move(amount));
      }
    }
    if (status.code == 212) {
      bool men = false;
      for (const EInvoiceStatusAmount& amount : status.amounts) {
        men = men || amount.type_code == "MEN";
      }
      if (!men) {
        return Error("MDT-207 characteristic type",
                     path("ram:SpecifiedDocumentStatus/"
                          "ram:SpecifiedDocumentCharacteristic/ram:TypeCode"),
                     "a 212 (Encaissée) gives at least one MEN amount "
                     "(BR-FR-CDV-14)");
      }
    }
    return status;
  }

 private:
  const XmlDocument& document_;
  std::string_view name_;
};

}  // namespace

absl::StatusOr<EInvoiceStatusMessage> ReadEInvoiceStatuses(
    std::string_view xml, std::string_view name) {
  RELANCE_ASSIGN_OR_RETURN(XmlDocument document, XmlDocument::Parse(xml, name));
  const std::string root_uri = document.RootNamespace();
  const std::string root_name = document.RootName();
  if (root_uri != kCdarNamespace || root_name != kRootName) {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(name), ": the root element {", root_uri, "}", root_name,
        " is not a CDAR lifecycle message ({", std::string(kCdarNamespace), "}",
        std::string(kRootName), ")"));
  }
  const CdarReader reader(document, name);
  EInvoiceStatusMessage message;
  message.source_name = std::string(name);

  std::vector<xmlNodePtr> context =
      document.Nodes(CdarChild("ExchangedDocumentContext"));
  if (!context.empty()) {
    message.business_process = reader.Text(
        context.front(),
        "ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID");
    message.guideline =
        reader.Text(context.front(),
                    "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID");
  }

  const std::string exchanged_path =
      absl::StrCat(std::string(kRootPath), "/rsm:ExchangedDocument");
  std::vector<xmlNodePtr> exchanged =
      document.Nodes(CdarChild("ExchangedDocument"));
  if (exchanged.empty()) {
    return reader.Error("MDG-2 message header", exchanged_path,
                        "missing (mandatory)");
  }
  xmlNodePtr header = exchanged.front();
  message.id = reader.Text(header, "ram:ID");
  message.name = reader.Text(header, "ram:Name");
  RELANCE_ASSIGN_OR_RETURN(
      std::optional<Date> issued,
      reader.DateTime204("MDT-8 message date", header,
                         "ram:IssueDateTime/udt:DateTimeString",
                         exchanged_path));
  if (!issued) {
    return reader.Error(
        "MDT-8 message date",
        absl::StrCat(exchanged_path, "/ram:IssueDateTime/udt:DateTimeString"),
        "missing (mandatory)");
  }
  message.issue_date = *issued;
  if (std::vector<xmlNodePtr> issuer =
          reader.Nodes(header, "ram:IssuerTradeParty");
      !issuer.empty()) {
    message.issuer = reader.Party(issuer.front());
  }
  for (xmlNodePtr recipient : reader.Nodes(header, "ram:RecipientTradeParty")) {
    message.recipients.push_back(reader.Party(recipient));
  }

  const std::string acknowledgement_path =
      absl::StrCat(std::string(kRootPath), "/rsm:AcknowledgementDocument");
  std::vector<xmlNodePtr> acknowledgement =
      document.Nodes(CdarChild("AcknowledgementDocument"));
  if (acknowledgement.empty()) {
    return reader.Error("MDG-24 statuses", acknowledgement_path,
                        "missing (mandatory)");
  }
  xmlNodePtr body = acknowledgement.front();
  message.phase = reader.Text(body, "ram:TypeCode");
  RELANCE_ASSIGN_OR_RETURN(
      std::optional<Date> event_date,
      reader.DateTime204("status date", body,
                         "ram:IssueDateTime/udt:DateTimeString",
                         acknowledgement_path));
  const Date date = event_date.value_or(message.issue_date);

  std::vector<xmlNodePtr> references =
      reader.Nodes(body, "ram:ReferenceReferencedDocument");
  if (references.empty()) {
    return reader.Error(
        "MDG-35 referenced invoice",
        absl::StrCat(acknowledgement_path, "/ram:ReferenceReferencedDocument"),
        "missing: a lifecycle message gives at least one status");
  }
  for (size_t i = 0; i < references.size(); ++i) {
    const std::string base = absl::StrCat(
        acknowledgement_path, "/ram:ReferenceReferencedDocument[", i + 1, "]");
    RELANCE_ASSIGN_OR_RETURN(
        EInvoiceStatus status,
        reader.ReadStatus(references[i], base, message, date));
    message.statuses.push_back(std::move(status));
  }
  return message;
}

}  // namespace relance
