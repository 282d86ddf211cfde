# layering_test: every public header includes only headers of its own layer
# or of lower ones. The layers are the table between the `layers:begin` and
# `layers:end` markers of docs/architecture.md (one row per layer, lowest
# first); this script reads it, so the table exists once.
#
#   cmake -DTABLE=docs/architecture.md -DINCLUDE_DIR=include -P tests/layering_test.cmake
#
# Fails, naming file and line, when a header of include/relance/ (not
# internal/) is not in the table, includes a header of a higher layer, an
# internal header (internal headers are not installed), or nlohmann-json (a
# private dependency).
cmake_minimum_required(VERSION 3.25)

get_filename_component(TABLE "${TABLE}" ABSOLUTE)
get_filename_component(INCLUDE_DIR "${INCLUDE_DIR}" ABSOLUTE)
file(READ "${TABLE}" doc)
string(FIND "${doc}" "<!-- layers:begin" begin)
string(FIND "${doc}" "<!-- layers:end" end)
if(begin EQUAL -1 OR end EQUAL -1 OR end LESS begin)
  message(FATAL_ERROR "layering: no layer table (layers:begin/end markers) in ${TABLE}")
endif()
math(EXPR length "${end} - ${begin}")
string(SUBSTRING "${doc}" ${begin} ${length} table)
string(REPLACE ";" "," table "${table}")
string(REPLACE "\n" ";" rows "${table}")

set(rank 0)
set(layers "")
foreach(row IN LISTS rows)
  # | layer | `a.hpp` `b.hpp` | what it holds |
  if(NOT row MATCHES "^\\| *([a-z_]+) *\\| *(`[^|]*) *\\|")
    continue()
  endif()
  set(layer ${CMAKE_MATCH_1})
  set(cell "${CMAKE_MATCH_2}")
  math(EXPR rank "${rank} + 1")
  list(APPEND layers ${layer})
  string(REGEX MATCHALL "`[^`]+`" names "${cell}")
  foreach(name IN LISTS names)
    string(REPLACE "`" "" name "${name}")
    if(DEFINED layer_of_${name})
      message(FATAL_ERROR "layering: ${name} is in two layers of ${TABLE}")
    endif()
    set(layer_of_${name} ${layer})
    set(rank_of_${name} ${rank})
  endforeach()
endforeach()
if(rank LESS 2)
  message(FATAL_ERROR "layering: could not read the layer table of ${TABLE}")
endif()

file(GLOB headers RELATIVE "${INCLUDE_DIR}/relance" "${INCLUDE_DIR}/relance/*.hpp")
set(problems "")
foreach(header IN LISTS headers)
  if(NOT DEFINED layer_of_${header})
    list(APPEND problems
      "relance/${header} is in no layer: add it to the layer table of ${TABLE}")
    continue()
  endif()
  file(STRINGS "${INCLUDE_DIR}/relance/${header}" lines)
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
      continue()
    endif()
    set(included ${CMAKE_MATCH_1})
    set(where "relance/${header}:${number}")
    if(included MATCHES "^relance/internal/")
      list(APPEND problems
        "${where} includes ${included}: internal headers are not installed")
    elseif(included MATCHES "^nlohmann/")
      list(APPEND problems
        "${where} includes ${included}: nlohmann-json is a private dependency")
    elseif(included MATCHES "^relance/([^/]+)$")
      set(target ${CMAKE_MATCH_1})
      if(NOT DEFINED layer_of_${target})
        list(APPEND problems "${where} includes ${included}, which is in no \
layer: add it to the layer table of ${TABLE}")
      elseif(rank_of_${target} GREATER rank_of_${header})
        list(APPEND problems "${where} includes ${included}: layer \
${layer_of_${header}} must not include layer ${layer_of_${target}}")
      endif()
    endif()
  endforeach()
endforeach()

list(LENGTH headers header_count)
if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layering: the layers of ${TABLE} are not respected:\n  ${text}")
endif()
list(JOIN layers " < " order)
message(STATUS "layering: ${header_count} headers respect ${order}")
