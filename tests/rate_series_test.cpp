#include "relance/rate_series.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

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

TEST(RateSeries, NextChangeAfterIsTheNextEffectiveDateUpToTheLastKnown) {
  const auto ecb = Builtin("ecb-mro");
  EXPECT_EQ(ecb->NextChangeAfter(MakeDate(2024, 1, 1)), MakeDate(2024, 6, 12));
  EXPECT_EQ(ecb->NextChangeAfter(MakeDate(2024, 6, 11)), MakeDate(2024, 6, 12));
  EXPECT_EQ(ecb->NextChangeAfter(MakeDate(2024, 6, 12)), MakeDate(2024, 9, 18));
  EXPECT_EQ(ecb->NextChangeAfter(ecb->last_known_date()), std::nullopt);
}

// The built-in ECB series extended by a host with a (hypothetical) change to
// 2.40 % from 2026-06-17, known up to 2026-12-31.
absl::StatusOr<RateSeries> EcbExtendedTo2026() {
  return Builtin("ecb-mro")->Extended(
      {{.effective_date = MakeDate(2026, 6, 17), .rate = Bp(240)}},
      MakeDate(2026, 12, 31));
}

TEST(RateSeries, ExtendedAddsRatesPublishedAfterTheSeries) {
  // A host adds a newly published rate (hypothetical 2.40 % from 2026-06-17).
  absl::StatusOr<RateSeries> extended = EcbExtendedTo2026();
  ASSERT_THAT(extended, IsOk());
  EXPECT_THAT(extended->RateAt(MakeDate(2026, 7, 1)), IsOkAndHolds(Bp(240)));
  EXPECT_THAT(extended->RateAt(MakeDate(2026, 6, 16)), IsOkAndHolds(Bp(215)));
}

TEST(RateSeries, ExtendedLeavesTheBuiltinSeriesUnchanged) {
  const auto ecb = Builtin("ecb-mro");
  ASSERT_THAT(EcbExtendedTo2026(), IsOk());
  // The built-in series is unchanged.
  EXPECT_THAT(ecb->RateAt(MakeDate(2026, 7, 1)),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(RateSeries, ExtendedRefusesAChangeBeforeTheLastOne) {
  // 2020-01-01 is before the last change of the built-in series.
  const auto ecb = Builtin("ecb-mro");
  EXPECT_THAT(
      ecb->Extended({{.effective_date = MakeDate(2020, 1, 1), .rate = Bp(0)}},
                    MakeDate(2026, 12, 31)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("is not after the previous one")));
}

TEST(RateSeries, ReferenceRatesWithSwapsASeriesAndLeavesTheBuiltins) {
  absl::StatusOr<RateSeries> extended = EcbExtendedTo2026();
  ASSERT_THAT(extended, IsOk());
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

// A host's own series in the CSV form: 5 % from 2026-01-01, 4.5 % from
// 2026-07-01.
absl::StatusOr<RateSeries> HouseRateCsv() {
  return RateSeries::FromCsv(
      "# Series: House rate\n# Publisher: Treasury\n"
      "# last_known_date: 2026-12-31\n"
      "effective_date,rate_percent\n2026-01-01,5.00\n2026-07-01,4.5\n",
      "house");
}

TEST(RateSeries, CsvReadsItsHeaderCommentsAndRates) {
  absl::StatusOr<RateSeries> csv = HouseRateCsv();
  ASSERT_THAT(csv, IsOk());
  EXPECT_EQ(csv->name(), "House rate");
  EXPECT_EQ(csv->source(), "Treasury");
  EXPECT_THAT(csv->RateAt(MakeDate(2026, 8, 1)), IsOkAndHolds(Bp(450)));
}

TEST(RateSeries, JsonGivesTheSamePointsAsCsv) {
  absl::StatusOr<RateSeries> csv = HouseRateCsv();
  ASSERT_THAT(csv, IsOk());
  absl::StatusOr<RateSeries> json = RateSeries::FromJson(R"({
      "id": "house", "last_known_date": "2026-12-31",
      "points": [{"from": "2026-01-01", "rate": "5%"},
                 {"from": "2026-07-01", "rate": "4.5%"}]})");
  ASSERT_THAT(json, IsOk());
  EXPECT_EQ(json->points(), csv->points());
}

TEST(RateSeries, JsonRatesMayBeInBasisPoints) {
  absl::StatusOr<RateSeries> csv = HouseRateCsv();
  ASSERT_THAT(csv, IsOk());
  // Basis points are a unit too.
  absl::StatusOr<RateSeries> json = RateSeries::FromJson(R"({
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

TEST(RateSeries, CsvErrorsNameTheLineAndTheFault) {
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
}

TEST(RateSeries, JsonRequiresTheLastKnownDate) {
  EXPECT_THAT(RateSeries::FromJson(R"({"id": "x", "points": []})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("last_known_date: required")));
}

TEST(RateSeries, JsonErrorsNameThePath) {
  EXPECT_THAT(RateSeries::FromJson(
                  R"({"id": "x", "last_known_date": "2026-12-31",
                      "points": [{"from": "2026-01-01", "rate": "x"}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("points[0].rate")));
}

TEST(RateSeries, CreateRejectsAnIdWithASpace) {
  EXPECT_THAT(
      RateSeries::Create("bad id", "", "", {}, MakeDate(2026, 1, 1)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("the id")));
}

// --- Rates directories, merging, cadence and rates add -------------------

// A scratch directory, emptied for each test.
std::filesystem::path ScratchDirectory(const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / ("relance_rates_" + name);
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(RateSeries, HalfYearlySeriesHaveOnePointPerHalfYear) {
  // §247 BGB: the base rate changes on 1 January and 1 July; the French
  // legal rate is fixed per semester (CMF L313-2).
  EXPECT_EQ(Builtin("de-basiszinssatz")->cadence(), RateCadence::kHalfYearly);
  EXPECT_EQ(Builtin("fr-legal-professionals")->cadence(),
            RateCadence::kHalfYearly);
  EXPECT_EQ(Builtin("ecb-mro")->cadence(), RateCadence::kAnyDay);
  EXPECT_THAT(
      RateSeries::Create(
          "x", "", "",
          {{MakeDate(2026, 1, 1), Bp(100)}, {MakeDate(2027, 1, 1), Bp(100)}},
          MakeDate(2027, 6, 30), RateCadence::kHalfYearly),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("skips the half-year from 2026-07-01")));
  EXPECT_THAT(
      RateSeries::Create("x", "", "", {{MakeDate(2026, 2, 1), Bp(100)}},
                         MakeDate(2026, 6, 30), RateCadence::kHalfYearly),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("not on 1 January or 1 July")));
  EXPECT_THAT(RateSeries::FromCsv("# cadence: weekly\n", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 1: rate cadence \"weekly\"")));
}

TEST(RateSeries, TheErrorBeyondTheLastDateSaysHowToSupplyTheRate) {
  const auto ecb = Builtin("ecb-mro");
  const absl::StatusOr<Rate> rate = ecb->RateAt(MakeDate(2026, 12, 1));
  EXPECT_THAT(rate, StatusIs(absl::StatusCode::kOutOfRange,
                             HasSubstr("last rate 2.15%); supply the rates "
                                       "published after 2026-06-10 up to at "
                                       "least 2026-12-01")));
  const std::optional<RateGap> gap = RateGapOf(rate.status());
  ASSERT_TRUE(gap.has_value());
  EXPECT_EQ(gap->series, "ecb-mro");
  EXPECT_EQ(gap->date, MakeDate(2026, 12, 1));
  EXPECT_EQ(gap->last_known_date, MakeDate(2026, 6, 10));
  EXPECT_EQ(gap->last_known_rate, Bp(215));
  EXPECT_EQ(ecb->LastKnownRate(), Bp(215));
  // Before the first date there is nothing to supply: no gap.
  EXPECT_FALSE(RateGapOf(ecb->RateAt(MakeDate(1998, 1, 1)).status()));
}

TEST(RateSeries, MergeExtendsWhenConsistentAndReplacesFromTheStart) {
  const auto ecb = Builtin("ecb-mro");
  // Restates 2.15 % from 2025-06-11, adds a hypothetical 2.40 % from
  // 2026-06-17, known to 2026-12-31.
  const RateSeries update = *RateSeries::Create(
      "ecb-mro", "", "",
      {{MakeDate(2025, 6, 11), Bp(215)}, {MakeDate(2026, 6, 17), Bp(240)}},
      MakeDate(2026, 12, 31));
  absl::StatusOr<RateSeries> merged = MergeRateSeries(*ecb, update);
  ASSERT_THAT(merged, IsOk());
  EXPECT_EQ(merged->name(), ecb->name());  // kept from the built-in
  EXPECT_THAT(merged->RateAt(MakeDate(2024, 6, 12)), IsOkAndHolds(Bp(425)));
  EXPECT_THAT(merged->RateAt(MakeDate(2026, 6, 16)), IsOkAndHolds(Bp(215)));
  EXPECT_THAT(merged->RateAt(MakeDate(2026, 12, 31)), IsOkAndHolds(Bp(240)));
  // Disagreeing on a known date is refused, naming it.
  const RateSeries wrong =
      *RateSeries::Create("ecb-mro", "", "", {{MakeDate(2025, 6, 11), Bp(225)}},
                          MakeDate(2026, 12, 31));
  EXPECT_THAT(MergeRateSeries(*ecb, wrong),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("on 2025-06-11 it gives 2.25% but the series "
                                 "it extends gives 2.15%; to replace that "
                                 "series instead, start the file on or before "
                                 "1999-01-01")));
  // A change the file omits (4.25 % from 2024-06-12) is a disagreement too.
  const RateSeries omits =
      *RateSeries::Create("ecb-mro", "", "", {{MakeDate(2024, 1, 1), Bp(450)}},
                          MakeDate(2026, 12, 31));
  EXPECT_THAT(MergeRateSeries(*ecb, omits),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("on 2024-06-12 it gives 4.50%")));
  // Starting after the known data leaves days undefined.
  const RateSeries gap =
      *RateSeries::Create("ecb-mro", "", "", {{MakeDate(2026, 9, 1), Bp(240)}},
                          MakeDate(2026, 12, 31));
  EXPECT_THAT(MergeRateSeries(*ecb, gap),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("leaves the days between undefined")));
  // From the built-in's first date on, the file replaces the series.
  const RateSeries whole = *RateSeries::Create(
      "ecb-mro", "House ECB", "", {{MakeDate(1999, 1, 1), Bp(100)}},
      MakeDate(2026, 12, 31));
  merged = MergeRateSeries(*ecb, whole);
  ASSERT_THAT(merged, IsOk());
  EXPECT_THAT(merged->RateAt(MakeDate(2024, 6, 12)), IsOkAndHolds(Bp(100)));
  // An older file never shortens the series it extends.
  const RateSeries older =
      *RateSeries::Create("ecb-mro", "", "", {{MakeDate(2025, 6, 11), Bp(215)}},
                          MakeDate(2025, 12, 31));
  merged = MergeRateSeries(*ecb, older);
  ASSERT_THAT(merged, IsOk());
  EXPECT_EQ(merged->last_known_date(), ecb->last_known_date());
}

TEST(RateSeries, LoadsARatesDirectory) {
  const std::filesystem::path directory = ScratchDirectory("load");
  WriteFile(directory / "ecb-mro.csv",
            "# last_known_date: 2026-12-31\neffective_date,rate_percent\n"
            "2025-06-11,2.15\n2026-06-17,2.40\n");
  WriteFile(directory / "house.json",
            R"({"id": "house", "last_known_date": "2026-12-31",
                "points": [{"from": "2026-01-01", "rate": "5%"}]})");
  WriteFile(directory / ".ecb-mro.csv.tmp", "garbage");
  WriteFile(directory / "README.txt", "not a series");
  absl::StatusOr<ReferenceRates> rates = LoadRatesDirectory(directory.string());
  ASSERT_THAT(rates, IsOk());
  EXPECT_THAT((*rates->Find("ecb-mro"))->RateAt(MakeDate(2026, 12, 1)),
              IsOkAndHolds(Bp(240)));
  EXPECT_THAT((*rates->Find("ecb-mro"))->RateAt(MakeDate(2020, 1, 1)),
              IsOkAndHolds(Bp(0)));
  EXPECT_THAT((*rates->Find("house"))->RateAt(MakeDate(2026, 3, 1)),
              IsOkAndHolds(Bp(500)));
  EXPECT_THAT(rates->Ids(), ::testing::Contains("house"));
  EXPECT_THAT((*rates->Find("uk-bank-rate"))->RateAt(MakeDate(2025, 6, 30)),
              IsOkAndHolds(Bp(425)));

  // Errors name the file.
  WriteFile(directory / "uk-bank-rate.csv",
            "# last_known_date: 2026-12-31\neffective_date,rate_percent\n"
            "2025-12-18,3.50\n");
  EXPECT_THAT(LoadRatesDirectory(directory.string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("uk-bank-rate.csv: rate series uk-bank-rate: "
                                 "on 2025-12-18 it gives 3.50%")));
  std::filesystem::remove(directory / "uk-bank-rate.csv");
  WriteFile(directory / "house.csv", "");
  EXPECT_THAT(LoadRatesDirectory(directory.string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("two files for house")));
  std::filesystem::remove(directory / "house.csv");
  WriteFile(directory / "other.json",
            R"({"id": "house", "last_known_date": "2026-12-31",
                "points": [{"from": "2026-01-01", "rate": "5%"}]})");
  EXPECT_THAT(LoadRatesDirectory(directory.string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is not the file's name (other)")));
  EXPECT_THAT(LoadRatesDirectory((directory / "none").string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a directory")));
  std::filesystem::remove(directory / "other.json");
  // A directory named like a series, and a file over the size limit, are
  // refused before anything is read.
  std::filesystem::create_directories(directory / "dir.csv");
  EXPECT_THAT(LoadRatesDirectory(directory.string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("dir.csv: not a regular file")));
  std::filesystem::remove(directory / "dir.csv");
  WriteFile(directory / "big.csv", std::string(kMaxRateFileBytes + 1, '#'));
  EXPECT_THAT(LoadRatesDirectory(directory.string()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("big.csv: larger than the limit of 1048576 "
                                 "bytes")));
}

TEST(RateSeries, AddRateChangeStartsAFileFromTheBuiltinSeries) {
  const auto ecb = Builtin("ecb-mro");
  RateChange change{.from = MakeDate(2026, 6, 17), .rate = Bp(240)};
  absl::StatusOr<std::string> text =
      AddRateChange("", ecb.get(), "ecb-mro", change);
  ASSERT_THAT(text, IsOk());
  // The built-in's last rate restated, then the change, known from its date.
  EXPECT_THAT(*text, HasSubstr("# last_known_date: 2026-06-17\n"
                               "effective_date,rate_percent\n"
                               "2025-06-11,2.15\n2026-06-17,2.40\n"));
  const RateSeries file = *RateSeries::FromCsv(*text, "ecb-mro");
  const RateSeries merged = *MergeRateSeries(*ecb, file);
  EXPECT_EQ(merged.last_known_date(), MakeDate(2026, 6, 17));
  EXPECT_THAT(merged.RateAt(MakeDate(2026, 6, 17)), IsOkAndHolds(Bp(240)));

  // The same change again changes nothing.
  EXPECT_THAT(AddRateChange(*text, ecb.get(), "ecb-mro", change),
              IsOkAndHolds(*text));
  // Confirming the rate unchanged up to a later date moves the validity.
  absl::StatusOr<std::string> confirmed = AddRateChange(
      *text, ecb.get(), "ecb-mro", {.last_known_date = MakeDate(2026, 12, 1)});
  ASSERT_THAT(confirmed, IsOk());
  EXPECT_THAT(*confirmed, HasSubstr("# last_known_date: 2026-12-01\n"));
  EXPECT_THAT(*confirmed, ::testing::EndsWith("2026-06-17,2.40\n"));
  // A later change is appended.
  absl::StatusOr<std::string> later =
      AddRateChange(*confirmed, ecb.get(), "ecb-mro",
                    {.from = MakeDate(2026, 12, 9), .rate = Bp(265)});
  ASSERT_THAT(later, IsOk());
  EXPECT_THAT(*later,
              ::testing::EndsWith("2026-06-17,2.40\n2026-12-09,2.65\n"));
  EXPECT_THAT(*later, HasSubstr("# last_known_date: 2026-12-09\n"));
}

TEST(RateSeries, AddRateChangeRefusesWhatContradictsTheSeries) {
  const auto ecb = Builtin("ecb-mro");
  // 2026-06-01 is within the known data (2.15 % in force).
  EXPECT_THAT(
      AddRateChange("", ecb.get(), "ecb-mro",
                    {.from = MakeDate(2026, 6, 1), .rate = Bp(240)}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("a change from 2026-06-01 contradicts the known "
                         "series (2.15% in force then, known up to "
                         "2026-06-10)")));
  EXPECT_THAT(
      AddRateChange("", ecb.get(), "ecb-mro", {.from = MakeDate(2026, 7, 1)}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("needs both its date")));
  EXPECT_THAT(AddRateChange("", ecb.get(), "ecb-mro", {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("nothing to add")));
  EXPECT_THAT(AddRateChange("", ecb.get(), "ecb-mro",
                            {.last_known_date = MakeDate(2026, 1, 1)}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is before the current one 2026-06-10")));
  EXPECT_THAT(AddRateChange("", ecb.get(), "ecb-mro",
                            {.from = MakeDate(2026, 7, 1),
                             .rate = Bp(240),
                             .last_known_date = MakeDate(2026, 6, 30)}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is before the change it follows")));
  // Half-yearly: the next row is 2026-07-01, and it covers its half-year.
  const auto base = Builtin("de-basiszinssatz");
  EXPECT_THAT(AddRateChange("", base.get(), "de-basiszinssatz",
                            {.from = MakeDate(2027, 1, 1), .rate = Bp(152)}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the next one is from 2026-07-01, not "
                                 "2027-01-01")));
  absl::StatusOr<std::string> text =
      AddRateChange("", base.get(), "de-basiszinssatz",
                    {.from = MakeDate(2026, 7, 1), .rate = Bp(152)});
  ASSERT_THAT(text, IsOk());
  EXPECT_THAT(*text, HasSubstr("# cadence: half-yearly\n"
                               "# last_known_date: 2026-12-31\n"));
  // A series of the host's own starts with its first rate.
  EXPECT_THAT(AddRateChange("", nullptr, "house",
                            {.last_known_date = MakeDate(2026, 1, 1)}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a new series needs its first rate")));
  absl::StatusOr<std::string> house = AddRateChange(
      "", nullptr, "house", {.from = MakeDate(2026, 1, 1), .rate = Bp(500)});
  ASSERT_THAT(house, IsOk());
  EXPECT_THAT(RateSeries::FromCsv(*house, "house"), IsOk());
}

}  // namespace
}  // namespace relance
