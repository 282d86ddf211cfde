// Writes the seeds of fuzz/corpus/einvoice_pdf/ (docs/fuzzing.md) with
// einvoice_pdf_builder.hpp, from the XML samples of tests/data/einvoice/:
//
//   build/dev/tests/einvoice_pdf_seeds fuzz/corpus/einvoice_pdf
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "einvoice_pdf_builder.hpp"

namespace {

std::string ReadSample(const std::string& name) {
  std::ifstream file(
      std::string(RELANCE_SOURCE_DIR) + "/tests/data/einvoice/" + name,
      std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

bool Write(const std::string& directory, const std::string& name,
           const std::string& bytes) {
  std::ofstream file(directory + "/" + name, std::ios::binary);
  file << bytes;
  return static_cast<bool>(file);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: einvoice_pdf_seeds DIRECTORY\n";
    return 2;
  }
  using relance::testing::BuildPdf;
  using relance::testing::FacturXPdf;
  const std::string directory = argv[1];
  const std::string cii = ReadSample("CII_example1.xml");
  const std::string factur_x = FacturXPdf(cii);
  bool ok = Write(directory, "factur-x.pdf", factur_x) &&
            Write(directory, "zugferd-name-tree-only.pdf",
                  BuildPdf({.attachments = {{.name = "zugferd-invoice.xml",
                                             .data = cii}}})) &&
            Write(directory, "odd-name-af-only.pdf",
                  BuildPdf({.attachments = {{.name = "beleg",
                                             .data = cii,
                                             .in_names_tree = false,
                                             .in_af = true}}})) &&
            Write(directory, "image-only.pdf",
                  BuildPdf({.attachments = {{.name = "logo.png",
                                             .data = "\x89PNG\r\n\x1a\n",
                                             .subtype = "image/png"}}})) &&
            Write(directory, "no-attachment.pdf", BuildPdf({})) &&
            Write(directory, "truncated.pdf",
                  factur_x.substr(0, factur_x.size() / 2));
  if (!ok) {
    std::cerr << "einvoice_pdf_seeds: cannot write in " << directory << "\n";
    return 1;
  }
  return 0;
}
