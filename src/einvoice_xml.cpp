#include "einvoice_xml.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpathInternals.h>

#include <mutex>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "relance/einvoice.hpp"

namespace relance::internal {
namespace {

const xmlChar* XmlText(std::string_view text) {
  return reinterpret_cast<const xmlChar*>(text.data());
}

// What the SAX wrappers record while one document is parsed
// (xmlParserCtxt::_private).
struct ParseState {
  startElementNsSAX2Func start_element = nullptr;  // libxml2's own (DOM)
  endElementNsSAX2Func end_element = nullptr;
  int depth = 0;
  bool too_deep = false;
  bool doctype = false;
  std::string doctype_name = {};
  std::string first_error = {};
  int first_error_line = 0;
};

ParseState& StateOf(void* context) {
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  return *static_cast<ParseState*>(parser->_private);
}

// A document type declaration stops the parser before its internal subset
// (where entities would be declared) is read.
void RefuseDoctype(void* context, const xmlChar* name, const xmlChar*,
                   const xmlChar*) {
  ParseState& state = StateOf(context);
  state.doctype = true;
  if (name != nullptr) state.doctype_name = reinterpret_cast<const char*>(name);
  xmlStopParser(static_cast<xmlParserCtxtPtr>(context));
}

void StartElement(void* context, const xmlChar* local_name,
                  const xmlChar* prefix, const xmlChar* uri,
                  int namespace_count, const xmlChar** namespaces,
                  int attribute_count, int defaulted_count,
                  const xmlChar** attributes) {
  ParseState& state = StateOf(context);
  if (++state.depth > kMaxEInvoiceDepth) {
    state.too_deep = true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(context));
    return;
  }
  state.start_element(context, local_name, prefix, uri, namespace_count,
                      namespaces, attribute_count, defaulted_count, attributes);
}

void EndElement(void* context, const xmlChar* local_name, const xmlChar* prefix,
                const xmlChar* uri) {
  ParseState& state = StateOf(context);
  --state.depth;
  state.end_element(context, local_name, prefix, uri);
}

// Keeps the first error (libxml2 would print it on stderr otherwise).
void RecordError(void* context, xmlErrorPtr error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  ParseState& state = StateOf(context);
  if (!state.first_error.empty()) return;
  std::string message =
      error->message != nullptr ? error->message : "unknown error";
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  state.first_error = std::move(message);
  state.first_error_line = error->line;
}

struct ParserDeleter {
  void operator()(xmlParserCtxtPtr parser) const { xmlFreeParserCtxt(parser); }
};

absl::Status Invalid(std::string_view name, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(name), ": ", std::string(what)));
}

}  // namespace

absl::StatusOr<XmlDocument> XmlDocument::Parse(std::string_view xml,
                                               std::string_view name) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });

  if (xml.empty()) return Invalid(name, "empty document");
  if (xml.size() > kMaxEInvoiceBytes) {
    return Invalid(name,
                   absl::StrCat(xml.size(), " bytes, more than the ",
                                kMaxEInvoiceBytes, " an e-invoice may have"));
  }
  std::unique_ptr<xmlParserCtxt, ParserDeleter> parser(xmlNewParserCtxt());
  if (parser == nullptr || parser->sax == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat(std::string(name), ": cannot create an XML parser"));
  }
  ParseState state;
  state.start_element = parser->sax->startElementNs;
  state.end_element = parser->sax->endElementNs;
  parser->_private = &state;
  parser->sax->internalSubset = RefuseDoctype;
  parser->sax->externalSubset = nullptr;
  parser->sax->entityDecl = nullptr;
  parser->sax->startElementNs = StartElement;
  parser->sax->endElementNs = EndElement;
  parser->sax->serror = RecordError;
  parser->sax->error = nullptr;
  parser->sax->warning = nullptr;

  const std::string url(name);
  std::unique_ptr<xmlDoc, DocDeleter> doc(xmlCtxtReadMemory(
      parser.get(), xml.data(), static_cast<int>(xml.size()), url.c_str(),
      nullptr, XML_PARSE_NONET | XML_PARSE_NOCDATA));
  if (state.doctype || (doc != nullptr && (doc->intSubset != nullptr ||
                                           doc->extSubset != nullptr))) {
    return Invalid(
        name, absl::StrCat(
                  "a document type declaration (DTD) is refused",
                  state.doctype_name.empty()
                      ? std::string()
                      : absl::StrCat(" (<!DOCTYPE ", state.doctype_name, ">)"),
                  ": an e-invoice needs none, and a DTD can declare "
                  "entities (entity expansion, external entities)"));
  }
  if (state.too_deep) {
    return Invalid(name, absl::StrCat("elements nested more than ",
                                      kMaxEInvoiceDepth, " levels deep"));
  }
  if (doc == nullptr || !parser->wellFormed) {
    return Invalid(
        name,
        absl::StrCat(
            "not well-formed XML",
            state.first_error_line > 0
                ? absl::StrCat(" at line ", state.first_error_line)
                : std::string(),
            ": ",
            state.first_error.empty() ? "parse error" : state.first_error));
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    return Invalid(name, "no root element");
  }

  std::unique_ptr<xmlXPathContext, XPathDeleter> xpath(
      xmlXPathNewContext(doc.get()));
  if (xpath == nullptr) {
    return absl::ResourceExhaustedError(
        absl::StrCat(std::string(name), ": cannot create an XPath context"));
  }
  const std::pair<const char*, std::string_view> prefixes[] = {
      {"rsm", kCiiNamespace},        {"ram", kRamNamespace},
      {"udt", kUdtNamespace},        {"qdt", kQdtNamespace},
      {"ubl", kUblInvoiceNamespace}, {"cn", kUblCreditNoteNamespace},
      {"cac", kCacNamespace},        {"cbc", kCbcNamespace},
  };
  for (const auto& [prefix, uri] : prefixes) {
    const std::string uri_text(uri);
    if (xmlXPathRegisterNs(xpath.get(), XmlText(prefix), XmlText(uri_text)) !=
        0) {
      return absl::ResourceExhaustedError(absl::StrCat(
          std::string(name), ": cannot bind the XPath prefix ", prefix));
    }
  }
  return XmlDocument(std::move(doc), std::move(xpath));
}

std::string XmlDocument::RootNamespace() const {
  xmlNodePtr root = xmlDocGetRootElement(doc_.get());
  if (root == nullptr || root->ns == nullptr || root->ns->href == nullptr) {
    return "";
  }
  return reinterpret_cast<const char*>(root->ns->href);
}

std::string XmlDocument::RootName() const {
  xmlNodePtr root = xmlDocGetRootElement(doc_.get());
  if (root == nullptr || root->name == nullptr) return "";
  return reinterpret_cast<const char*>(root->name);
}

std::vector<xmlNodePtr> XmlDocument::Nodes(std::string_view xpath,
                                           xmlNodePtr context) const {
  std::vector<xmlNodePtr> nodes;
  const std::string expression(xpath);
  xpath_->node =
      context != nullptr ? context : reinterpret_cast<xmlNodePtr>(doc_.get());
  xmlXPathObjectPtr result =
      xmlXPathEvalExpression(XmlText(expression), xpath_.get());
  if (result == nullptr) return nodes;
  if (result->type == XPATH_NODESET && result->nodesetval != nullptr) {
    const int count = result->nodesetval->nodeNr;
    nodes.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
      nodes.push_back(result->nodesetval->nodeTab[i]);
    }
  }
  xmlXPathFreeObject(result);
  return nodes;
}

std::optional<std::string> XmlDocument::Text(std::string_view xpath,
                                             xmlNodePtr context) const {
  std::vector<xmlNodePtr> nodes = Nodes(xpath, context);
  if (nodes.empty()) return std::nullopt;
  return Content(nodes.front());
}

std::string XmlDocument::Content(xmlNodePtr node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return "";
  std::string text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return text;
}

std::optional<std::string> XmlDocument::Attribute(xmlNodePtr node,
                                                  std::string_view name) {
  const std::string attribute(name);
  xmlChar* value = xmlGetNoNsProp(node, XmlText(attribute));
  if (value == nullptr) return std::nullopt;
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

}  // namespace relance::internal
