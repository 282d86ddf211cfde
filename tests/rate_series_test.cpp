#include "relance/rate_series.hpp"

#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

Rate Bp(int64_t basis_points) { return Rate::FromBasisPoints(basis_points); }

std::shared_ptr<const RateSeries> Builtin(const char* id) {
  absl::StatusOr<std::shared_ptr<const RateSeries>> series =
      BuiltinRateSeries(id);
  EXPECT_THAT(series, IsOk()) << id;
  return *series;
}

struct Published {
  const char* series;
  Date date;
  int64_t basis_points;
};

// Values as published by the ECB ("Key ECB interest rates"), the Deutsche
// Bundesbank (Basiszinssatz announcements), the Banque de France / Journal
// officiel arrêtés (taux de l'intérêt légal) and the Bank of England (Bank
// Rate history).
constexpr Published kPublished[] = {
    // ECB MRO: 4.50 % from 2023-09-20, 4.25 % from 2024-06-12, 3.65 % from
    // 2024-09-18, 2.15 % from 2025-06-11; 0.00 % from 2016-03-16.
    {"ecb-mro", MakeDate(2023, 9, 20), 450},
    {"ecb-mro", MakeDate(2024, 1, 1), 450},
    {"ecb-mro", MakeDate(2024, 6, 11), 450},
    {"ecb-mro", MakeDate(2024, 6, 12), 425},
    {"ecb-mro", MakeDate(2024, 7, 1), 425},
    {"ecb-mro", MakeDate(2024, 9, 18), 365},
    {"ecb-mro", MakeDate(2025, 1, 1), 315},
    {"ecb-mro", MakeDate(2025, 7, 1), 215},
    {"ecb-mro", MakeDate(2020, 1, 1), 0},
    {"ecb-mro", MakeDate(1999, 1, 1), 300},
    // Basiszinssatz (§247 BGB): -0.88 % 2016-07-01..2022-06-30; 3.12 % from
    // 2023-07-01; 3.62 % from 2024-01-01; 2.27 % from 2025-01-01; 1.27 %
    // from 2025-07-01.
    {"de-basiszinssatz", MakeDate(2016, 7, 1), -88},
    {"de-basiszinssatz", MakeDate(2022, 6, 30), -88},
    {"de-basiszinssatz", MakeDate(2023, 7, 1), 312},
    {"de-basiszinssatz", MakeDate(2024, 1, 1), 362},
    {"de-basiszinssatz", MakeDate(2025, 1, 1), 227},
    {"de-basiszinssatz", MakeDate(2025, 7, 1), 127},
    // Taux de l'intérêt légal: 2024 S1 8.01 % / 5.07 %; 2024 S2 8.16 % /
    // 4.92 %; 2025 S1 7.21 % / 3.71 %.
    {"fr-legal-individuals", MakeDate(2024, 1, 1), 801},
    {"fr-legal-professionals", MakeDate(2024, 6, 30), 507},
    {"fr-legal-individuals", MakeDate(2024, 7, 1), 816},
    {"fr-legal-professionals", MakeDate(2024, 12, 31), 492},
    {"fr-legal-professionals", MakeDate(2025, 1, 1), 371},
    // Bank Rate: 0.10 % from 2020-03-19; 5.25 % from 2023-08-03; 4.75 % from
    // 2024-11-07; 4.25 % from 2025-05-08.
    {"uk-bank-rate", MakeDate(2020, 3, 19), 10},
    {"uk-bank-rate", MakeDate(2023, 8, 3), 525},
    {"uk-bank-rate", MakeDate(2024, 12, 31), 475},
    {"uk-bank-rate", MakeDate(2025, 6, 30), 425},
};

TEST(RateSeries, BuiltinSeriesMatchPublishedValues) {
  for (const Published& p : kPublished) {
    EXPECT_THAT(Builtin(p.series)->RateAt(p.date),
                IsOkAndHolds(Bp(p.basis_points)))
        << p.series << " on " << FormatDate(p.date);
  }
  // The statutory French rates of the portfolio benchmark (ECB on 1 January /
  // 1 July + 10 points): 14.50, 14.25, 13.15, 12.15 %.
  const auto ecb = Builtin("ecb-mro");
  EXPECT_EQ(*ecb->RateAt(MakeDate(2024, 1, 1)) + Rate::FromPercent(10),
            Bp(1450));
  EXPECT_EQ(*ecb->RateAt(MakeDate(2024, 7, 1)) + Rate::FromPercent(10),
            Bp(1425));
  EXPECT_EQ(*ecb->RateAt(MakeDate(2025, 1, 1)) + Rate::FromPercent(10),
            Bp(1315));
  EXPECT_EQ(*ecb->RateAt(MakeDate(2025, 7, 1)) + Rate::FromPercent(10),
            Bp(1215));
}

TEST(RateSeries, EverySeriesHasItsSourceAndIsOrdered) {
  for (const std::string& id : BuiltinRateSeriesIds()) {
    const auto series = Builtin(id.c_str());
    EXPECT_FALSE(series->name().empty()) << id;
    EXPECT_THAT(series->source(), HasSubstr("http")) << id;
    EXPECT_GE(series->last_known_date(),
              series->points().back().effective_date);
  }
}

TEST(RateSeries, BeyondTheLastKnownDateIsOutOfRange) {
  const auto ecb = Builtin("ecb-mro");
  const Date after = ecb->last_known_date() + Days{1};
  EXPECT_THAT(ecb->RateAt(after),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr(absl::StrCat("rate series ecb-mro: no rate "
                                              "known for ",
                                              FormatDate(after)))));
  EXPECT_THAT(ecb->RateAt(MakeDate(1998, 12, 31)),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("1998-12-31")));
  EXPECT_THAT(BuiltinRateSeries("libor"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("ecb-mro")));
}

TEST(RateSeries, NextChange) {
  const auto ecb = Builtin("ecb-mro");
  EXPECT_EQ(ecb->NextChangeAfter(MakeDate(2024, 1, 1)), MakeDate(2024, 6, 12));
  EXPECT_EQ(ecb->NextChangeAfter(MakeDate(2024, 6, 11)), MakeDate(2024, 6, 12));
  EXPECT_EQ(ecb->NextChangeAfter(MakeDate(2024, 6, 12)), MakeDate(2024, 9, 18));
  EXPECT_EQ(ecb->NextChangeAfter(ecb->last_known_date()), std::nullopt);
}

TEST(RateSeries, HostCanReplaceAndExtend) {
  const auto ecb = Builtin("ecb-mro");
  // A host adds a newly published rate (hypothetical 2.40 % from 2026-06-17).
  absl::StatusOr<RateSeries> extended = ecb->Extended(
      {{.effective_date = MakeDate(2026, 6, 17), .rate = Bp(240)}},
      MakeDate(2026, 12, 31));
  ASSERT_THAT(extended, IsOk());
  EXPECT_THAT(extended->RateAt(MakeDate(2026, 7, 1)), IsOkAndHolds(Bp(240)));
  EXPECT_THAT(extended->RateAt(MakeDate(2026, 6, 16)), IsOkAndHolds(Bp(215)));
  // The built-in series is unchanged.
  EXPECT_THAT(ecb->RateAt(MakeDate(2026, 7, 1)),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(
      ecb->Extended({{.effective_date = MakeDate(2020, 1, 1), .rate = Bp(0)}},
                    MakeDate(2026, 12, 31)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("is not after the previous one")));
  // ReferenceRates::With swaps a series for the rules that read it.
  const ReferenceRates rates = ReferenceRates::Builtin().With(
      std::make_shared<const RateSeries>(*extended));
  EXPECT_THAT((*rates.Find("ecb-mro"))->RateAt(MakeDate(2026, 7, 1)),
              IsOkAndHolds(Bp(240)));
  EXPECT_THAT((*ReferenceRates::Builtin().Find("ecb-mro"))
                  ->RateAt(MakeDate(2026, 7, 1)),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(RateSeries, WithNullKeepsTheSetUnchanged) {
  // Regression: With(nullptr) dereferenced the null pointer.
  const ReferenceRates rates = ReferenceRates::Builtin().With(nullptr);
  for (const std::string& id : BuiltinRateSeriesIds()) {
    EXPECT_THAT(rates.Find(id), IsOkAndHolds(Builtin(id.c_str()))) << id;
  }
}

TEST(RateSeries, ParsesCsvAndJson) {
  absl::StatusOr<RateSeries> csv = RateSeries::FromCsv(
      "# Series: House rate\n# Publisher: Treasury\n"
      "# last_known_date: 2026-12-31\n"
      "effective_date,rate_percent\n2026-01-01,5.00\n2026-07-01,4.5\n",
      "house");
  ASSERT_THAT(csv, IsOk());
  EXPECT_EQ(csv->name(), "House rate");
  EXPECT_EQ(csv->source(), "Treasury");
  EXPECT_THAT(csv->RateAt(MakeDate(2026, 8, 1)), IsOkAndHolds(Bp(450)));
  absl::StatusOr<RateSeries> json = RateSeries::FromJson(R"({
      "id": "house", "last_known_date": "2026-12-31",
      "points": [{"from": "2026-01-01", "rate": "5%"},
                 {"from": "2026-07-01", "rate": "4.5%"}]})");
  ASSERT_THAT(json, IsOk());
  EXPECT_EQ(json->points(), csv->points());
  // Basis points are a unit too.
  json = RateSeries::FromJson(R"({
      "id": "house", "last_known_date": "2026-12-31",
      "points": [{"from": "2026-01-01", "rate": "500bp"},
                 {"from": "2026-07-01", "rate": "450 bp"}]})");
  ASSERT_THAT(json, IsOk());
  EXPECT_EQ(json->points(), csv->points());
}

TEST(RateSeries, JsonRejectsABareNumber) {
  // Regression: "2.40" was read as the ratio 2.40, i.e. 240 %.
  EXPECT_THAT(
      RateSeries::FromJson(R"({"id": "x", "last_known_date": "2026-12-31",
          "points": [{"from": "2026-01-01", "rate": "2.40"}]})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("rate series: points[0].rate: rate \"2.40\": expected "
                         "a percentage such as \"2.40%\" (a bare number is "
                         "ambiguous between 2.40 % and 240 %)")));
}

TEST(RateSeries, RejectsBadData) {
  const auto csv_error = [](const char* text, const char* fragment) {
    EXPECT_THAT(
        RateSeries::FromCsv(text, "x"),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << text;
  };
  csv_error("effective_date,rate_percent\n2026-01-01,5\n",
            "missing the \"# last_known_date");
  csv_error("# last_known_date: 2026-12-31\n2026-01-01,5\n",
            "line 2: expected a header line");
  csv_error("# last_known_date: 2026-12-31\neffective_date,rate\n",
            "no column \"rate_percent\"");
  csv_error(
      "# last_known_date: 2026-12-31\neffective_date,rate_percent\n"
      "2026-02-30,5\n",
      "line 3: date \"2026-02-30\"");
  csv_error(
      "# last_known_date: 2026-12-31\neffective_date,rate_percent\n"
      "2026-01-01,five\n",
      "line 3: rate \"five%\"");
  csv_error("# last_known_date: 2026-12-31\neffective_date,rate_percent\n",
            "no rate");
  csv_error(
      "# last_known_date: 2025-12-31\neffective_date,rate_percent\n"
      "2026-01-01,5\n",
      "last known date 2025-12-31 is before");
  EXPECT_THAT(RateSeries::FromJson(R"({"id": "x", "points": []})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("last_known_date: required")));
  EXPECT_THAT(RateSeries::FromJson(
                  R"({"id": "x", "last_known_date": "2026-12-31",
                      "points": [{"from": "2026-01-01", "rate": "x"}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("points[0].rate")));
  EXPECT_THAT(
      RateSeries::Create("bad id", "", "", {}, MakeDate(2026, 1, 1)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("the id")));
}

}  // namespace
}  // namespace relance
