// src/cli/letter_files.hpp
// -----------------------------------------------------------------------------
// What the commands that write letters share (`relance evaluate --letters`,
// `relance run --letters`, `relance letter`): the letterhead, the templates,
// the language, and a directory that receives a command's letters all at
// once or not at all.
//
// A letter is written as `<file stem>.txt`, its subject on a first line
// `Subject: ...`, an empty line, then the text; with --html also
// `<file stem>.html` (docs/letters.md).
#ifndef RELANCE_CLI_LETTER_FILES_HPP_
#define RELANCE_CLI_LETTER_FILES_HPP_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/language.hpp"
#include "relance/letter.hpp"
#include "relance/letter_data.hpp"
#include "relance/letter_templates.hpp"

namespace relance::cli {

struct LetterFlags {
  std::string letterhead = {};  // --letterhead FILE
  std::string templates = {};   // --templates DIR
  std::string language = {};    // --lang fr|en
  bool html = false;            // --html
};

// Adds --letterhead, --templates and, when `with_language`, --lang to
// `command`; each needs `requires_option` when it is not null (--letters).
void AddLetterFlags(CLI::App* command, LetterFlags& flags, bool with_language,
                    CLI::Option* requires_option);

// The letterhead, the language forced by --lang and the templates, read and
// checked once, before anything is evaluated or written.
struct LetterSetup {
  LetterOptions letterhead = {};
  std::optional<Language> language = {};
  LetterTemplates templates = {};
};

// Errors: kInvalidArgument for a missing --letterhead (`--letterhead FILE
// is required to write letters: the creditor's name, address and bank
// details`), a letterhead that does not read (`<path>: letterhead: ...`),
// an unknown --lang, a template directory whose templates do not load
// (`<dir>/reminder.fr.txt:12: ...`).
[[nodiscard]] absl::StatusOr<LetterSetup> LoadLetterSetup(
    const LetterFlags& flags);

// The options for one customer's letters (LetterOptionsForCustomer, as the
// C ABI and Python resolve them): the language of --lang, else the
// customer's (`customer_language`, a code from the ledger, used when it is
// one relance writes), else the letterhead's; the debtor's name from the
// letterhead, else `customer_name`; its address from the letterhead, else
// `customer_address_lines` (the ledger's customers.address).
[[nodiscard]] LetterOptions OptionsForCustomer(
    const LetterSetup& setup, std::string_view customer_name,
    std::string_view customer_language,
    std::span<const std::string> customer_address_lines);

// The letter of `communication` among `letters` (same level, channel and
// invoices), or null when it has none (a phone call, a legal action).
[[nodiscard]] const Letter* LetterOf(const RenderedLetters& letters,
                                     const Communication& communication);

// The text file's content: "Subject: <subject>\n\n<text>".
[[nodiscard]] std::string LetterTextFile(const Letter& letter);

// Receives a command's letters in a hidden staging directory inside the
// target, and moves them in on Commit(): an error before then leaves the
// target as it was. Files of the same name are replaced (the same decision
// gives the same letters).
class LetterDirectory {
 public:
  // Creates `directory` (and its parents) when missing, and the staging
  // directory. Errors: kInvalidArgument naming the directory.
  [[nodiscard]] static absl::StatusOr<LetterDirectory> Open(
      const std::string& directory, bool html);
  LetterDirectory(LetterDirectory&&) noexcept;
  LetterDirectory& operator=(LetterDirectory&&) noexcept;
  // Removes the staging directory and whatever was not committed.
  ~LetterDirectory();

  // Stages `letter`'s files; returns the path of its text file as it will
  // be after Commit().
  [[nodiscard]] absl::StatusOr<std::string> Write(const Letter& letter);
  // Moves every staged file into the directory.
  [[nodiscard]] absl::Status Commit();
  // How many letters were written.
  size_t letters() const { return letters_; }
  const std::string& directory() const { return directory_; }

 private:
  LetterDirectory(std::string directory, std::string staging, bool html)
      : directory_(std::move(directory)),
        staging_(std::move(staging)),
        html_(html) {}
  std::string directory_;
  std::string staging_;  // "" once moved from
  bool html_ = false;
  size_t letters_ = 0;
  std::vector<std::string> files_ = {};
};

}  // namespace relance::cli

#endif  // RELANCE_CLI_LETTER_FILES_HPP_
