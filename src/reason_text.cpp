#include "relance/reason_text.hpp"

// One table per language: a switch over every code (the compiler checks that
// none is missing, -Wswitch), each case the phrase of relance/reason.hpp's
// fields. French typography (Lexique des règles typographiques en usage à
// l'Imprimerie nationale): a no-break space (U+00A0) before ':' and inside
// « guillemets », a narrow no-break space (U+202F) before ';', the
// apostrophe ’ (U+2019).

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"

namespace relance {
namespace {

using R = ReasonCode;

constexpr char kNbsp[] = "\xC2\xA0";       // U+00A0 NO-BREAK SPACE
constexpr char kNnbsp[] = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE

std::string DateIn(const std::optional<Date>& date, Language language) {
  return date ? FormatLongDate(*date, language) : std::string("?");
}

std::string MoneyIn(const std::optional<Money>& amount, Language language) {
  return amount ? FormatMoney(*amount, language) : std::string("?");
}

std::string DaysIn(const std::optional<int>& days, Language language) {
  return days ? FormatDayCount(*days, language) : std::string("?");
}

// « text », with no-break spaces inside.
std::string Guillemets(const std::string& text) {
  return absl::StrCat("\xC2\xAB", kNbsp, text, kNbsp, "\xC2\xBB");
}

// " :" with its no-break space.
std::string Colon() { return absl::StrCat(kNbsp, ":"); }

std::string French(const Reason& reason) {
  constexpr Language fr = Language::kFrench;
  const std::string level = Guillemets(reason.level);
  switch (reason.code) {
    case R::kLevelDue:
    case R::kWaitingForLevel:
      return absl::StrCat("échue depuis ", DaysIn(reason.days, fr));
    case R::kLevelDueAfterBrokenPromise:
      return absl::StrCat("échue depuis ", DaysIn(reason.days, fr), kNnbsp,
                          "; promesse de paiement non tenue (constatée le ",
                          DateIn(reason.date, fr), ")");
    case R::kClaimDue:
    case R::kClaimReported:
      return absl::StrCat("payée en retard", Colon(), " ",
                          MoneyIn(reason.amount, fr),
                          " de pénalités et frais restent dus");
    case R::kThankYou:
      return absl::StrCat("réglée le ", DateIn(reason.date, fr));
    case R::kNotYetDue:
      return absl::StrCat("à échoir le ", DateIn(reason.date, fr));
    case R::kWaitingForGap:
      return absl::StrCat("relance en cours (prochaine étape le ",
                          DateIn(reason.next_date, fr), ")");
    case R::kPausedByDispute:
      return absl::StrCat("en litige (", MoneyIn(reason.amount, fr),
                          " contestés)");
    case R::kPausedByPromise:
      return reason.amount ? absl::StrCat("promesse de paiement de ",
                                          MoneyIn(reason.amount, fr),
                                          " pour le ", DateIn(reason.date, fr))
                           : absl::StrCat("promesse de paiement pour le ",
                                          DateIn(reason.date, fr));
    case R::kPausedByPlan:
      return "échéancier de paiement en cours";
    case R::kPausedByBlock:
      return absl::StrCat("relances suspendues jusqu’au ",
                          DateIn(reason.date, fr), " inclus");
    case R::kWithAgency:
      return "confiée à un cabinet de recouvrement";
    case R::kInLegalAction:
      return "en recouvrement judiciaire";
    case R::kClosed:
      if (reason.state == InvoiceState::kCredited) return "soldée par avoir";
      if (reason.state == InvoiceState::kWrittenOff) return "passée en perte";
      return "réglée";
    case R::kLadderComplete:
      return absl::StrCat(
          "toutes les étapes de relance ont été effectuées (dernière", Colon(),
          " ", level, ")");
    case R::kAlreadyActedToday:
      return absl::StrCat("une action a déjà été enregistrée le ",
                          DateIn(reason.date, fr));
    case R::kBelowInvoiceMinimum:
      return absl::StrCat("relance ", level, " non envoyée", Colon(), " ",
                          MoneyIn(reason.amount, fr),
                          " est inférieur au minimum par facture de ",
                          MoneyIn(reason.threshold, fr));
    case R::kBelowLevelMinimum:
      return absl::StrCat("relance ", level, " non envoyée", Colon(), " ",
                          MoneyIn(reason.amount, fr),
                          " est inférieur au minimum de cette relance, ",
                          MoneyIn(reason.threshold, fr));
    case R::kBelowCustomerMinimum:
      return absl::StrCat("relance ", level, " non envoyée", Colon(),
                          " le total du client, ", MoneyIn(reason.amount, fr),
                          ", est inférieur au minimum de ",
                          MoneyIn(reason.threshold, fr));
    case R::kContactCap:
      return absl::StrCat("relance ", level, " reportée", Colon(),
                          " dernier contact le ", DateIn(reason.date, fr),
                          ", pas de contact avant le ",
                          DateIn(reason.next_date, fr), " (au moins ",
                          DaysIn(reason.days, fr), " entre deux contacts)");
    case R::kLadderChosen:
      return absl::StrCat(
          "parcours de relance ", Guillemets(reason.ladder),
          reason.segment.empty()
              ? ""
              : absl::StrCat(
                    " (segment ", Guillemets(reason.segment),
                    reason.assigned ? ", attribué" : ", d’après l’historique",
                    ")"));
    case R::kPenaltyUnavailable:
      return absl::StrCat("pénalités de la facture ", reason.invoice,
                          " non calculables", Colon(), " ", reason.detail);
    case R::kRateAssumed:
      return absl::StrCat("pénalités de la facture ", reason.invoice, Colon(),
                          " ", reason.detail);
    case R::kUnappliedCash:
      return absl::StrCat("facture ", reason.invoice, Colon(), " ",
                          MoneyIn(reason.amount, fr),
                          " reçus au-delà du montant dû");
    case R::kAccountBlocked:
      return absl::StrCat(
          "compte bloqué pour les nouvelles commandes depuis le ",
          DateIn(reason.date, fr));
  }
  return std::string(ToString(reason.code));
}

std::string English(const Reason& reason) {
  constexpr Language en = Language::kEnglish;
  const std::string& level = reason.level;
  switch (reason.code) {
    case R::kLevelDue:
    case R::kWaitingForLevel:
      return absl::StrCat("overdue by ", DaysIn(reason.days, en));
    case R::kLevelDueAfterBrokenPromise:
      return absl::StrCat("overdue by ", DaysIn(reason.days, en),
                          "; promise to pay not kept (noted on ",
                          DateIn(reason.date, en), ")");
    case R::kClaimDue:
    case R::kClaimReported:
      return absl::StrCat("paid late: ", MoneyIn(reason.amount, en),
                          " of interest, compensation and fees still owed");
    case R::kThankYou:
      return absl::StrCat("paid in full on ", DateIn(reason.date, en));
    case R::kNotYetDue:
      return absl::StrCat("due on ", DateIn(reason.date, en));
    case R::kWaitingForGap:
      return absl::StrCat("reminders in progress (next step on ",
                          DateIn(reason.next_date, en), ")");
    case R::kPausedByDispute:
      return absl::StrCat("under dispute (", MoneyIn(reason.amount, en),
                          " disputed)");
    case R::kPausedByPromise:
      return reason.amount
                 ? absl::StrCat("payment of ", MoneyIn(reason.amount, en),
                                " promised by ", DateIn(reason.date, en))
                 : absl::StrCat("payment promised by ",
                                DateIn(reason.date, en));
    case R::kPausedByPlan:
      return "on an agreed payment plan";
    case R::kPausedByBlock:
      return absl::StrCat("reminders suspended until ", DateIn(reason.date, en),
                          " inclusive");
    case R::kWithAgency:
      return "with a collection agency";
    case R::kInLegalAction:
      return "in legal proceedings";
    case R::kClosed:
      if (reason.state == InvoiceState::kCredited) {
        return "settled by credit note";
      }
      if (reason.state == InvoiceState::kWrittenOff) return "written off";
      return "paid";
    case R::kLadderComplete:
      return absl::StrCat("every reminder step has been taken (last: ", level,
                          ")");
    case R::kAlreadyActedToday:
      return absl::StrCat("an action was already recorded on ",
                          DateIn(reason.date, en));
    case R::kBelowInvoiceMinimum:
      return absl::StrCat(
          "level ", level, " not sent: ", MoneyIn(reason.amount, en),
          " is below the invoice minimum of ", MoneyIn(reason.threshold, en));
    case R::kBelowLevelMinimum:
      return absl::StrCat(
          "level ", level, " not sent: ", MoneyIn(reason.amount, en),
          " is below the level's minimum of ", MoneyIn(reason.threshold, en));
    case R::kBelowCustomerMinimum:
      return absl::StrCat(
          "level ", level, " not sent: the customer's total of ",
          MoneyIn(reason.amount, en), " is below the customer minimum of ",
          MoneyIn(reason.threshold, en));
    case R::kContactCap:
      return absl::StrCat("level ", level, " postponed: last contact on ",
                          DateIn(reason.date, en), ", no contact before ",
                          DateIn(reason.next_date, en), " (at least ",
                          DaysIn(reason.days, en), " between contacts)");
    case R::kLadderChosen:
      return absl::StrCat(
          "ladder ", reason.ladder,
          reason.segment.empty()
              ? ""
              : absl::StrCat(" (segment ", reason.segment,
                             reason.assigned ? ", assigned"
                                             : ", from the payment history",
                             ")"));
    case R::kPenaltyUnavailable:
      return absl::StrCat("penalties of invoice ", reason.invoice,
                          " cannot be computed: ", reason.detail);
    case R::kRateAssumed:
      return absl::StrCat("penalties of invoice ", reason.invoice, ": ",
                          reason.detail);
    case R::kUnappliedCash:
      return absl::StrCat("invoice ", reason.invoice, ": ",
                          MoneyIn(reason.amount, en),
                          " received beyond what was owed");
    case R::kAccountBlocked:
      return absl::StrCat("account on hold for new orders since ",
                          DateIn(reason.date, en));
  }
  return std::string(ToString(reason.code));
}

}  // namespace

std::string ReasonText(const Reason& reason, Language language) {
  switch (language) {
    case Language::kFrench:
      return French(reason);
    case Language::kEnglish:
      return English(reason);
  }
  return English(reason);
}

}  // namespace relance
