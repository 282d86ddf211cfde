// The 212 "Encaissée" message a seller sends when VAT is due on receipt
// (relance/einvoice_status.hpp, docs/einvoice.md "Sending 212").
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "relance/allocation.hpp"
#include "relance/einvoice_status.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

absl::Status Invalid(std::string_view field, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "212 status: ", std::string(field), ": ", std::string(what)));
}

// Text content and attribute values escaped for XML (a CR too, which a
// parser would otherwise read back as a line feed).
std::string Escape(std::string_view text) {
  return absl::StrReplaceAll(std::string(text), {{"&", "&amp;"},
                                                 {"<", "&lt;"},
                                                 {">", "&gt;"},
                                                 {"\"", "&quot;"},
                                                 {"\r", "&#13;"}});
}

// CCYYMMDD.
std::string Digits(Date date) {
  return absl::StrReplaceAll(FormatDate(date), {{"-", ""}});
}

// "20.00%" -> "20.00".
std::string Percent(Rate rate) {
  std::string text = rate.ToString();
  if (!text.empty() && text.back() == '%') text.pop_back();
  return text;
}

bool IsSiren(std::string_view id) {
  if (id.size() != 9) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string PartyXml(std::string_view element, const EInvoiceStatusParty& party,
                     std::string_view role) {
  return absl::StrCat(
      "    <ram:", std::string(element), ">\n",
      "      <ram:GlobalID schemeID=\"",
      Escape(party.id_scheme.empty() ? "0002" : party.id_scheme), "\">",
      Escape(party.id), "</ram:GlobalID>\n",
      party.name.empty() ? std::string()
                         : absl::StrCat("      <ram:Name>", Escape(party.name),
                                        "</ram:Name>\n"),
      "      <ram:RoleCode>", std::string(role), "</ram:RoleCode>\n",
      "    </ram:", std::string(element), ">\n");
}

}  // namespace

absl::StatusOr<std::vector<EInvoiceStatusAmount>> SplitCashedByVatRate(
    Money payment, std::span<const EInvoiceVatLine> breakdown) {
  if (payment.IsZero()) return Invalid("payment", "nothing was cashed");
  if (breakdown.empty()) {
    return Invalid("vat_breakdown", "empty: the invoice's BG-23 is needed");
  }
  std::vector<Rate> rates;
  std::vector<Money> gross_by_rate;
  Money total = Money::Zero(payment.currency());
  for (size_t i = 0; i < breakdown.size(); ++i) {
    const EInvoiceVatLine& line = breakdown[i];
    const std::string field = absl::StrCat("vat_breakdown[", i, "]");
    if (!(line.taxable.currency() == payment.currency()) ||
        !(line.vat.currency() == payment.currency())) {
      return Invalid(field, absl::StrCat("not in the payment's currency ",
                                         payment.currency().ToString()));
    }
    if (line.rate.IsNegative()) {
      return Invalid(field,
                     absl::StrCat("negative VAT rate ", line.rate.ToString()));
    }
    absl::StatusOr<Money> gross = Add(line.taxable, line.vat);
    if (!gross.ok()) {
      return Invalid(field, std::string(gross.status().message()));
    }
    if (gross->IsNegative()) {
      return Invalid(field, absl::StrCat("amount with VAT ", gross->ToString(),
                                         " is negative"));
    }
    // The total stays within Money's bound, so every weight and their sum
    // fit in 64 bits.
    absl::StatusOr<Money> sum = Add(total, *gross);
    if (!sum.ok()) return Invalid(field, std::string(sum.status().message()));
    total = *sum;
    size_t at = 0;
    while (at < rates.size() && rates[at] != line.rate) ++at;
    if (at == rates.size()) {
      rates.push_back(line.rate);
      gross_by_rate.push_back(*gross);
    } else {
      absl::StatusOr<Money> merged = Add(gross_by_rate[at], *gross);
      if (!merged.ok()) {
        return Invalid(field, std::string(merged.status().message()));
      }
      gross_by_rate[at] = *merged;
    }
  }
  std::vector<int64_t> weights;
  weights.reserve(gross_by_rate.size());
  for (const Money& gross : gross_by_rate) {
    weights.push_back(gross.minor_units());
  }
  absl::StatusOr<std::vector<Money>> parts =
      AllocateByWeights(payment, weights);
  if (!parts.ok()) {
    return Invalid("vat_breakdown", std::string(parts.status().message()));
  }
  std::vector<EInvoiceStatusAmount> amounts;
  amounts.reserve(rates.size());
  for (size_t i = 0; i < rates.size(); ++i) {
    amounts.push_back(
        {.type_code = "MEN", .amount = (*parts)[i], .vat_rate = rates[i]});
  }
  return amounts;
}

absl::StatusOr<std::string> MakeCashedStatus(const CashedStatusInput& input) {
  if (input.message_id.empty()) return Invalid("message_id", "empty");
  if (input.invoice_number.empty()) return Invalid("invoice_number", "empty");
  if (input.invoice_type_code.empty()) {
    return Invalid("invoice_type_code", "empty");
  }
  if (!IsSiren(input.seller.id)) {
    return Invalid("seller.id",
                   absl::StrCat("\"", input.seller.id,
                                "\" is not a SIREN (nine digits): the 212 "
                                "is the French seller's"));
  }
  if (input.buyer.id.empty()) return Invalid("buyer.id", "empty");
  if (input.date < input.invoice_issue_date) {
    return Invalid("date", absl::StrCat(FormatDate(input.date),
                                        " is before the invoice date ",
                                        FormatDate(input.invoice_issue_date)));
  }
  RELANCE_ASSIGN_OR_RETURN(
      std::vector<EInvoiceStatusAmount> amounts,
      SplitCashedByVatRate(input.payment, input.vat_breakdown));

  const std::string when = absl::StrCat(Digits(input.date), "000000");
  std::string characteristics;
  for (const EInvoiceStatusAmount& amount : amounts) {
    absl::StrAppend(&characteristics,
                    "        <ram:SpecifiedDocumentCharacteristic>\n"
                    "          <ram:TypeCode>MEN</ram:TypeCode>\n"
                    "          <ram:ValueAmount currencyID=\"",
                    amount.amount.currency().ToString(), "\">",
                    amount.amount.FormatAmount(), "</ram:ValueAmount>\n",
                    "          <ram:ValuePercent>", Percent(*amount.vat_rate),
                    "</ram:ValuePercent>\n",
                    "        </ram:SpecifiedDocumentCharacteristic>\n");
  }
  return absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rsm:CrossDomainAcknowledgementAndResponse"
      " xmlns:rsm=\"",
      std::string(kCdarNamespace),
      "\""
      " xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
      "ReusableAggregateBusinessInformationEntity:100\""
      " xmlns:udt=\"urn:un:unece:uncefact:data:standard:"
      "UnqualifiedDataType:100\""
      " xmlns:qdt=\"urn:un:unece:uncefact:data:standard:"
      "QualifiedDataType:100\">\n"
      "  <rsm:ExchangedDocumentContext>\n"
      "    <ram:BusinessProcessSpecifiedDocumentContextParameter>\n"
      "      <ram:ID>REGULATED</ram:ID>\n"
      "    </ram:BusinessProcessSpecifiedDocumentContextParameter>\n"
      "    <ram:GuidelineSpecifiedDocumentContextParameter>\n"
      "      <ram:ID>urn.cpro.gouv.fr:1p0:CDV:invoice</ram:ID>\n"
      "    </ram:GuidelineSpecifiedDocumentContextParameter>\n"
      "  </rsm:ExchangedDocumentContext>\n"
      "  <rsm:ExchangedDocument>\n"
      "    <ram:ID>",
      Escape(input.message_id),
      "</ram:ID>\n"
      "    <ram:Name>",
      Escape(absl::StrCat(input.invoice_number, "-CDV-212_Encaissée")),
      "</ram:Name>\n"
      "    <ram:IssueDateTime>\n"
      "      <udt:DateTimeString format=\"204\">",
      when,
      "</udt:DateTimeString>\n"
      "    </ram:IssueDateTime>\n",
      PartyXml("IssuerTradeParty", input.seller, "SE"),
      PartyXml("RecipientTradeParty", input.buyer, "BY"),
      "  </rsm:ExchangedDocument>\n"
      "  <rsm:AcknowledgementDocument>\n"
      "    <ram:MultipleReferencesIndicator>\n"
      "      <udt:Indicator>false</udt:Indicator>\n"
      "    </ram:MultipleReferencesIndicator>\n"
      "    <ram:TypeCode>23</ram:TypeCode>\n"
      "    <ram:IssueDateTime>\n"
      "      <udt:DateTimeString format=\"204\">",
      when,
      "</udt:DateTimeString>\n"
      "    </ram:IssueDateTime>\n"
      "    <ram:ReferenceReferencedDocument>\n"
      "      <ram:IssuerAssignedID>",
      Escape(input.invoice_number),
      "</ram:IssuerAssignedID>\n"
      "      <ram:StatusCode>47</ram:StatusCode>\n"
      "      <ram:TypeCode>",
      Escape(input.invoice_type_code),
      "</ram:TypeCode>\n"
      "      <ram:FormattedIssueDateTime>\n"
      "        <qdt:DateTimeString format=\"102\">",
      Digits(input.invoice_issue_date),
      "</qdt:DateTimeString>\n"
      "      </ram:FormattedIssueDateTime>\n"
      "      <ram:ProcessConditionCode>212</ram:ProcessConditionCode>\n"
      "      <ram:ProcessCondition>Encaissée</ram:ProcessCondition>\n"
      "      <ram:IssuerTradeParty>\n"
      "        <ram:GlobalID schemeID=\"0002\">",
      Escape(input.seller.id),
      "</ram:GlobalID>\n"
      "        <ram:RoleCode>SE</ram:RoleCode>\n"
      "      </ram:IssuerTradeParty>\n"
      "      <ram:SpecifiedDocumentStatus>\n"
      "        <ram:SequenceNumeric>1</ram:SequenceNumeric>\n",
      characteristics,
      "      </ram:SpecifiedDocumentStatus>\n"
      "    </ram:ReferenceReferencedDocument>\n"
      "  </rsm:AcknowledgementDocument>\n"
      "</rsm:CrossDomainAcknowledgementAndResponse>\n");
}

}  // namespace relance
