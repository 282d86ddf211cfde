#include "cli/letter_files.hpp"

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/letter_options_json.hpp"

namespace relance::cli {
namespace {

namespace fs = std::filesystem;

absl::Status DirectoryError(std::string_view directory, std::string_view what,
                            const std::error_code& error) {
  return absl::InvalidArgumentError(
      absl::StrCat("--letters ", internal::QuoteForMessage(directory), ": ",
                   std::string(what), ": ", error.message()));
}

}  // namespace

void AddLetterFlags(CLI::App* command, LetterFlags& flags, bool with_language,
                    CLI::Option* requires_option) {
  std::vector<CLI::Option*> options = {
      command->add_option("--letterhead", flags.letterhead,
                          "The creditor's letterhead, JSON (see "
                          "docs/letters.md): name, address, bank details"),
      command->add_option("--templates", flags.templates,
                          "A directory of templates overriding the built-in "
                          "ones (<name>.<fr|en>.<txt|html|subject.txt>)"),
      command->add_flag("--html", flags.html,
                        "Also write each letter as HTML (<stem>.html)")};
  if (with_language) {
    options.push_back(
        command->add_option("--lang", flags.language,
                            "The letters' language, fr or en (default: the "
                            "customer's, else the letterhead's)"));
  }
  if (requires_option != nullptr) {
    for (CLI::Option* option : options) option->needs(requires_option);
  }
}

absl::StatusOr<LetterSetup> LoadLetterSetup(const LetterFlags& flags) {
  if (flags.letterhead.empty()) {
    return absl::InvalidArgumentError(
        "--letterhead FILE is required to write letters: the creditor's "
        "name, address and bank details (docs/letters.md)");
  }
  LetterSetup setup;
  RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(flags.letterhead));
  absl::StatusOr<LetterOptions> letterhead = LetterOptionsFromJson(text);
  if (!letterhead.ok()) return InFile(flags.letterhead, letterhead.status());
  setup.letterhead = *std::move(letterhead);
  if (!flags.language.empty()) {
    absl::StatusOr<Language> language = ParseLanguage(flags.language);
    if (!language.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--lang: ", language.status().message()));
    }
    setup.language = *language;
  }
  setup.templates = LetterTemplates::Builtin();
  if (!flags.templates.empty()) {
    RELANCE_ASSIGN_OR_RETURN(setup.templates,
                             setup.templates.WithDirectory(flags.templates));
  }
  return setup;
}

LetterOptions OptionsForCustomer(
    const LetterSetup& setup, std::string_view customer_name,
    std::string_view customer_language,
    std::span<const std::string> customer_address_lines) {
  std::optional<std::string_view> language;
  if (setup.language.has_value()) language = LanguageCode(*setup.language);
  // --lang was checked when the setup was loaded: this cannot fail.
  absl::StatusOr<LetterOptions> options =
      LetterOptionsForCustomer(setup.letterhead, language, customer_name,
                               customer_language, customer_address_lines);
  return options.ok() ? *std::move(options) : setup.letterhead;
}

const Letter* LetterOf(const RenderedLetters& letters,
                       const Communication& communication) {
  for (const Letter& letter : letters.letters) {
    if (letter.level == communication.level &&
        letter.channel == communication.channel &&
        letter.invoices == communication.invoices) {
      return &letter;
    }
  }
  return nullptr;
}

std::string LetterTextFile(const Letter& letter) {
  return absl::StrCat("Subject: ", letter.subject, "\n\n", letter.text);
}

absl::StatusOr<LetterDirectory> LetterDirectory::Open(
    const std::string& directory, bool html) {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) return DirectoryError(directory, "cannot create it", error);
  if (!fs::is_directory(directory, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--letters ", internal::QuoteForMessage(directory),
                     ": not a directory"));
  }
  const std::string staging =
      (fs::path(directory) / absl::StrCat(".relance-letters-", ::getpid()))
          .string();
  fs::remove_all(staging, error);
  fs::create_directory(staging, error);
  if (error) return DirectoryError(directory, "cannot write in it", error);
  return LetterDirectory(directory, staging, html);
}

LetterDirectory::LetterDirectory(LetterDirectory&& other) noexcept
    : directory_(std::move(other.directory_)),
      staging_(std::exchange(other.staging_, std::string())),
      html_(other.html_),
      letters_(other.letters_),
      files_(std::move(other.files_)) {}

LetterDirectory& LetterDirectory::operator=(LetterDirectory&& other) noexcept {
  if (this != &other) {
    std::error_code ignored;
    if (!staging_.empty()) fs::remove_all(staging_, ignored);
    directory_ = std::move(other.directory_);
    staging_ = std::exchange(other.staging_, std::string());
    html_ = other.html_;
    letters_ = other.letters_;
    files_ = std::move(other.files_);
  }
  return *this;
}

LetterDirectory::~LetterDirectory() {
  std::error_code ignored;
  if (!staging_.empty()) fs::remove_all(staging_, ignored);
}

absl::StatusOr<std::string> LetterDirectory::Write(const Letter& letter) {
  const std::string text_file = letter.file_stem + ".txt";
  RELANCE_RETURN_IF_ERROR(WriteOutputFile(
      (fs::path(staging_) / text_file).string(), LetterTextFile(letter)));
  files_.push_back(text_file);
  if (html_) {
    const std::string html_file = letter.file_stem + ".html";
    RELANCE_RETURN_IF_ERROR(WriteOutputFile(
        (fs::path(staging_) / html_file).string(), letter.html));
    files_.push_back(html_file);
  }
  ++letters_;
  return (fs::path(directory_) / text_file).string();
}

absl::Status LetterDirectory::Commit() {
  for (const std::string& file : files_) {
    std::error_code error;
    fs::rename(fs::path(staging_) / file, fs::path(directory_) / file, error);
    if (error)
      return DirectoryError(directory_, "cannot move in " + file, error);
  }
  files_.clear();
  return absl::OkStatus();
}

}  // namespace relance::cli
