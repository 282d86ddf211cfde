// src/einvoice_xml.hpp (private to the library, not installed)
// -----------------------------------------------------------------------------
// A parsed XML document over libxml2, hardened for untrusted input, with
// XPath evaluated under relance's own namespace prefixes.
//
// Parsing (libxml2 2.9.14, Debian 12, which has neither
// xmlCtxtSetMaxAmplification nor XML_PARSE_NO_XXE):
//   - options XML_PARSE_NONET | XML_PARSE_NOCDATA, and never XML_PARSE_NOENT
//     (entity substitution), XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
//     XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE or XML_PARSE_HUGE (which lifts
//     the built-in limits);
//   - the SAX callback for a document type declaration stops the parser
//     before the internal subset is read, so no entity is ever declared
//     (billion laughs, external entities); the document is refused; a DTD
//     found after parsing (belt and braces) is refused too;
//   - at most kMaxEInvoiceBytes of input and kMaxEInvoiceDepth levels of
//     elements (counted in the start/end element callbacks);
//   - libxml2's messages go to the parser context, never to stderr.
// No global libxml2 state is changed (no external entity loader is
// installed): nothing in these options loads anything.
//
// XPath prefixes, bound to the standard namespace URIs whatever prefixes a
// document uses: rsm, ram, udt, qdt (CII), ubl (UBL Invoice), cn (UBL
// CreditNote), cac, cbc (UBL components).
#ifndef RELANCE_SRC_EINVOICE_XML_HPP_
#define RELANCE_SRC_EINVOICE_XML_HPP_

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace relance::internal {

inline constexpr std::string_view kCiiNamespace =
    "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
inline constexpr std::string_view kRamNamespace =
    "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100";
inline constexpr std::string_view kUdtNamespace =
    "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
inline constexpr std::string_view kQdtNamespace =
    "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
inline constexpr std::string_view kUblInvoiceNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
inline constexpr std::string_view kUblCreditNoteNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
inline constexpr std::string_view kCacNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
inline constexpr std::string_view kCbcNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

class XmlDocument {
 public:
  // Parses `xml` as described above. Errors: kInvalidArgument starting with
  // `name`: empty or oversized input, not well-formed (with the line and
  // libxml2's message), too deep, a document type declaration.
  [[nodiscard]] static absl::StatusOr<XmlDocument> Parse(std::string_view xml,
                                                         std::string_view name);

  // The root element's namespace URI (empty when none) and local name.
  std::string RootNamespace() const;
  std::string RootName() const;

  // The nodes `xpath` selects, evaluated from `context` (the document when
  // null), in document order. An expression that is not a node set, or that
  // fails, selects nothing (the expressions are relance's own, tested).
  std::vector<xmlNodePtr> Nodes(std::string_view xpath,
                                xmlNodePtr context = nullptr) const;
  // The text content of the first node `xpath` selects, or nullopt when it
  // selects nothing.
  std::optional<std::string> Text(std::string_view xpath,
                                  xmlNodePtr context = nullptr) const;

  // A node's text content (an element's descendant text, an attribute's
  // value).
  static std::string Content(xmlNodePtr node);
  // An element's attribute without namespace, or nullopt.
  static std::optional<std::string> Attribute(xmlNodePtr node,
                                              std::string_view name);

 private:
  struct DocDeleter {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
  };
  struct XPathDeleter {
    void operator()(xmlXPathContextPtr context) const {
      xmlXPathFreeContext(context);
    }
  };
  XmlDocument(std::unique_ptr<xmlDoc, DocDeleter> doc,
              std::unique_ptr<xmlXPathContext, XPathDeleter> xpath)
      : doc_(std::move(doc)), xpath_(std::move(xpath)) {}

  std::unique_ptr<xmlDoc, DocDeleter> doc_;
  std::unique_ptr<xmlXPathContext, XPathDeleter> xpath_;
};

}  // namespace relance::internal

#endif  // RELANCE_SRC_EINVOICE_XML_HPP_
